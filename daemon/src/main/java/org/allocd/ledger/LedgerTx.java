package org.allocd.ledger;

import java.util.Optional;

/** The writes the ledger makes, inside one store transaction. Implemented in the store package. */
public interface LedgerTx extends LedgerView {
    /** The stored answer of an operation already applied under this key. */
    Optional<StoredOperation> operation(String opKey);

    void recordOperation(String opKey, String fingerprint, OpResult result, long atMs);

    long insertAccount(String name, Long parentId, String description, String organization,
            long creditLimitMicroSu, long atMs);

    void updateAccountDetails(long accountId, String description, String organization, long creditLimitMicroSu);

    void updateAccountState(long accountId, AccountState state);

    /** Moves the journal caches of an account. */
    void addToAccount(long accountId, long balanceDeltaMicroSu, long lienedDeltaMicroSu);

    long insertUser(String name, Integer uid, Long defaultAccountId, long atMs);

    void updateDefaultAccount(long userId, Long accountId);

    void upsertMembership(Membership membership);

    void deleteMembership(long userId, long accountId);

    long insertAllocation(long accountId, boolean pot, long amountMicroSu, long startsAtMs, Long endsAtMs,
            String note, long atMs);

    void addToAllocation(long allocationId, long deltaMicroSu);

    void markAllocationExpired(long allocationId);

    /** request: what the job asked for (JobRequests text) when known, else null; written in the same INSERT. */
    void insertJob(Job job, String request, long atMs);

    /** A job never moves to another account: its account stays as inserted. Its recorded request stays too. */
    void updateJob(Job job, long atMs);

    void setJobRequest(String jobKey, String request);

    /** Records the times given; a null time keeps what was recorded before. */
    void setJobTimes(String jobKey, JobTimes times);

    void appendJournal(JournalEntry entry);

    // Billing (issue 8 part B).

    /** fallbackAccountId null removes the fallback. */
    void setFallback(long accountId, Long fallbackAccountId, String qos);

    void setJobRequestedAccount(String jobKey, String account);

    void upsertBillingRule(BillingRule rule);

    void deleteBillingRule(long accountId, String name);

    void insertBilledLine(BilledLine line, String opKey, long atMs);

    /** Inserts the reservation, or replaces the record of the same name and start. */
    void upsertReservation(Reservation reservation);

    void setReservationCharged(String name, long startMs, long chargedMicroSu);
    // Allocation cycles and alerts (issue 8 part A).

    long insertGrant(long accountId, long amountMicroSu, GrantPeriod period, String zone, long firstStartMs,
            Long endsAtMs, CarryOver carryOver, String note, long atMs);

    void markGrantDeleted(long grantId);

    void insertGrantPeriod(Grant.Period period);

    /** Replaces the account's thresholds; an empty list removes them. */
    void setAlertThresholds(long accountId, java.util.List<Integer> percents);

    void insertAlertSent(long accountId, String alert, long atMs);

    void deleteAlertSent(long accountId, String alert);

    /** The first answer of an operation, with what it was asked. */
    record StoredOperation(String fingerprint, OpResult result) {}
}
