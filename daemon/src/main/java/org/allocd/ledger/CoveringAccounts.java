package org.allocd.ledger;

import java.util.Optional;

/**
 * Which account pays for a job its own account cannot cover (the fallback
 * accounts beside the core answer; the core only asks). One level: the
 * account that covers pays from its own money.
 */
public interface CoveringAccounts {
    /** No account covers another: a job its account cannot pay for is refused. */
    CoveringAccounts NONE = new CoveringAccounts() {
        @Override
        public Optional<Account> covering(LedgerView view, Account account, long amountMicroSu, long nowMillis) {
            return Optional.empty();
        }

        @Override
        public Optional<Account> coveredBy(LedgerView view, User user, Account payer) {
            return Optional.empty();
        }
    };

    /** The account that covers this one, when it can pay the amount now. */
    Optional<Account> covering(LedgerView view, Account account, long amountMicroSu, long nowMillis);

    /**
     * A job the submit hook moved to the account that covers arrives naming it, and its user is no member
     * there: the user's own account that payer covers (empty: none).
     */
    Optional<Account> coveredBy(LedgerView view, User user, Account payer);
}
