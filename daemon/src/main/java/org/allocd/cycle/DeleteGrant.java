package org.allocd.cycle;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/** Stops a grant: no further periods; allocations already made keep their windows. */
public record DeleteGrant(String opKey, String actor, long grantId, String note) implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return GrantBook.delete(posting, this);
    }
}
