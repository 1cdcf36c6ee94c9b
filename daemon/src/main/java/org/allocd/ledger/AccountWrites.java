package org.allocd.ledger;

/** Writes of accounts, users, memberships and allocations; money moves only through {@link Posting}. */
public interface AccountWrites {
    long insertAccount(String name, Long parentId, String description, String organization,
            long creditLimitMicroSu, long atMillis);

    void updateAccountDetails(long accountId, String description, String organization, long creditLimitMicroSu);

    void updateAccountState(long accountId, AccountState state);

    void updateAccountParent(long accountId, Long parentId);

    /** Moves the journal caches of an account. */
    void addToAccount(long accountId, long balanceDeltaMicroSu, long lienedDeltaMicroSu);

    long insertUser(String name, Integer uid, Long defaultAccountId, long atMillis);

    void updateDefaultAccount(long userId, Long accountId);

    void upsertMembership(Membership membership);

    void deleteMembership(long userId, long accountId);

    long insertAllocation(long accountId, boolean pot, long amountMicroSu, long startsAtMillis, Long endsAtMillis,
            String note, long atMillis);

    void addToAllocation(long allocationId, long deltaMicroSu);

    void markAllocationExpired(long allocationId);
}
