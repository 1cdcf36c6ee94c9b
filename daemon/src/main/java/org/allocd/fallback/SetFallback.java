package org.allocd.fallback;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/** Name the account's fallback (null removes it); qos (may be null) is forced on jobs it pays for. */
public record SetFallback(String opKey, String actor, String account, String fallback, String qos)
        implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return FallbackBook.set(posting, this);
    }
}
