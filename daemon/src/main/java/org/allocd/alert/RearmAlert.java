package org.allocd.alert;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/** The condition of a sent alert no longer holds (e.g. a deposit): it may be sent again. */
public record RearmAlert(String opKey, String actor, String account, String alert, String note)
        implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return AlertBook.rearm(posting, this);
    }
}
