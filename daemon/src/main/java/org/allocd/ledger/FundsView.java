package org.allocd.ledger;

import java.util.List;
import java.util.Optional;

/**
 * The rows a funds check reads (account, user, membership, allocations, a
 * member's usage): the part of {@link LedgerView} that the store can also
 * answer from memory, so a submit-time quote need not wait for the database.
 */
public interface FundsView {
    Optional<Account> account(String name);

    Optional<Account> accountById(long id);

    Optional<User> user(String name);

    Optional<Membership> membership(long userId, long accountId);

    /** The names of an account's coordinators, who may add members to it (read only to tell a non-member). */
    List<String> coordinatorNames(long accountId);

    /** An account's allocations in draw order: soonest end first, no end after, the pot last. */
    List<Allocation> allocations(long accountId);

    /** What a user has used of an account: charges less refunds plus open liens (for a member's limit). */
    long userUsageMicroSu(long accountId, String userName);
}
