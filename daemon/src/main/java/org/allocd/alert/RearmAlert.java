package org.allocd.alert;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/** The condition of a sent alert no longer holds (e.g. a deposit): it may be sent again (mailTo as for RecordAlert). */
public record RearmAlert(String opKey, String actor, String account, String alert, String note,
        String mailTo)
        implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return AlertBook.rearm(posting, this);
    }
}
