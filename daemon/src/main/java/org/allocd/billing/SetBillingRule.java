package org.allocd.billing;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/** Add or replace a billing rule of an account (see BillingRule). */
public record SetBillingRule(String opKey, String actor, String account, String name, BillingRuleKind kind,
        long amountMicroSu, long ratePpm) implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return BillingBook.setRule(posting, this);
    }
}
