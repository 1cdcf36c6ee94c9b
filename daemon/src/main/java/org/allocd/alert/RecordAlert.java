package org.allocd.alert;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/** An alert was delivered: it is not sent again until it is re-armed. */
public record RecordAlert(String opKey, String actor, String account, String alert, String note)
        implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return AlertBook.record(posting, this);
    }
}
