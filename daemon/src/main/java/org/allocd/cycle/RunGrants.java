package org.allocd.cycle;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/** Makes every grant's due periods (once each) and carries over or expires the periods that ended. */
public record RunGrants(String opKey, String actor) implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return GrantBook.run(posting, this);
    }
}
