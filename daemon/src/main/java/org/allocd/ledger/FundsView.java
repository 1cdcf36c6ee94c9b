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

    /**
     * The charges less refunds booked to the account for userName since sinceMillis. Read through
     * {@link MemberUse}.
     */
    long userChargedMicroSu(long accountId, String userName, long sinceMillis);

    /** userName's open liens on the account. Read through {@link MemberUse}. */
    long userLienedMicroSu(long accountId, String userName);

    /**
     * The start of the account's current allocation cycle at atMillis: the latest period of one of its
     * recurring grants that began by then and whose allocation was made (empty: it has none).
     */
    Optional<CycleStart> cycleStart(long accountId, long atMillis);
}
