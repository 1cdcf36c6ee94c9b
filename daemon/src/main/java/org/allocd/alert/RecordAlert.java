package org.allocd.alert;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/** An alert was delivered (mailTo null: by the alert command; a user: mailed to them): not sent again until re-armed. */
public record RecordAlert(String opKey, String actor, String account, String alert, String note,
        String mailTo)
        implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return AlertBook.record(posting, this);
    }
}
