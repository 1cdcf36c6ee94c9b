package org.allocd.billing;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/**
 * Book the billing rules of a month (YYYY-MM): every rule of every account, or only those of account
 * and/or the rule named. A line already booked is left as it is, so running it again changes nothing.
 */
public record CloseMonth(String opKey, String actor, String month, String account, String rule)
        implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return BillingBook.closeMonth(posting, this);
    }
}
