package org.allocd.billing;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

public record RemoveBillingRule(String opKey, String actor, String account, String name) implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return BillingBook.removeRule(posting, this);
    }
}
