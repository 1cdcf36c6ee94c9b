package org.allocd.fallback;

import java.util.List;
import java.util.Optional;
import org.allocd.ledger.Account;

/** Which account falls back to which, in the store. */
public interface FallbackRows {
    Optional<Fallback> fallbackOf(long accountId);

    /** Accounts whose fallback is this one, by name. */
    List<Account> accountsFallingBackTo(long fallbackAccountId);

    /** fallbackAccountId null removes the fallback. */
    void setFallback(long accountId, Long fallbackAccountId, String qos);
}
