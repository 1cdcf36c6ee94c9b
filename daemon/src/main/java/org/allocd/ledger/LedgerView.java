package org.allocd.ledger;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What the ledger reads from its store. Implemented in the store package. */
public interface LedgerView extends FundsView {
    List<Account> accounts();

    List<Account> children(long accountId);

    Optional<Job> job(String jobKey);

    /** The open lien of any run of a job, by the job key's prefix (e.g. "cluster/123/"). */
    Optional<Job> openLienOf(String jobKeyPrefix);

    /** What the job asked for when its lien was placed, as given then. */
    Optional<String> jobRequest(String jobKey);

    /** What a user has used of an account: charges less refunds plus open liens. */
    long userUsageMicroSu(long accountId, String userName);

    /** Totals for monitoring: open liens and what was charged, all accounts. */
    LedgerStats stats();

    List<Job> openLiensExpiredBy(long nowMs, int limit);

    List<Allocation> allocationsEndedBy(long nowMs, int limit);

    /** The newest journal entry, or empty for a new ledger. */
    Optional<JournalEntry> lastJournalEntry();

    /** Every journal entry in id order, streamed. */
    void forEachJournalEntry(Consumer<JournalEntry> consumer);

    void forEachAllocation(Consumer<Allocation> consumer);

    void forEachJob(Consumer<Job> consumer);

    // Reads for reports (allocmgr views); each list is bounded by limit.

    List<User> users();

    /** Every membership, by account then user. */
    List<Membership> memberships();

    /** The account and every account below it, the account first. */
    List<Account> subtree(long accountId);

    /** The account's money lines before an instant: its balance as the journal had it then. */
    long journalBalanceBeforeMicroSu(long accountId, long beforeMs);

    /** Journal lines of the account and its subtree with fromMs <= time < toMs (of one kind unless null), in id order. */
    List<JournalEntry> journalOfSubtree(long accountId, long fromMs, long toMs, JournalKind kind, int limit);

    /** Money lines of the account and its subtree with fromMs <= time < toMs, summed by account, kind and user. */
    List<JournalSum> journalSumsOfSubtree(long accountId, long fromMs, long toMs);

    /** Journal lines of every account with fromMs <= time < toMs (of one kind unless null), in id order. */
    List<JournalEntry> journal(long fromMs, long toMs, JournalKind kind, int limit);

    /** Jobs of the account and its subtree first seen in [fromMs, toMs), newest first, with request and times. */
    List<JobRecord> jobsOfSubtree(long accountId, long fromMs, long toMs, JobFilter filter, int limit);

    /** Every job jobsOfSubtree would list, unlimited, one at a time (for sums over a busy account). */
    void eachJobOfSubtree(long accountId, long fromMs, long toMs, JobFilter filter, Consumer<JobRecord> each);

    /** Jobs of every account first seen in [fromMs, toMs), newest first, with request and times. */
    List<JobRecord> jobs(long fromMs, long toMs, JobFilter filter, int limit);

    /** Jobs whose key is cluster/jobId/restart for this Slurm job id, any cluster or restart. */
    List<Job> jobsNumbered(long jobId);

    /** Charges less refunds of an account's jobs, all time. */
    long usedMicroSu(long accountId);

    /** Money transferred out of the account's windowed allocations active at nowMs (a negative sum or 0). */
    long transferredOutOfActiveMicroSu(long accountId, long nowMs);

    // Billing (issue 8 part B).

    Optional<Fallback> fallbackOf(long accountId);

    /** Accounts whose fallback is this one, by name. */
    List<Account> accountsFallingBackTo(long fallbackAccountId);

    /** The account a job asked for when its fallback was charged instead. */
    Optional<String> requestedAccount(String jobKey);

    /** Job key -> account asked for, of fallback-charged jobs first seen in [fromMs, toMs). */
    java.util.Map<String, String> requestedAccounts(long fromMs, long toMs);

    /** Billing rules of one account, or of every account (accountId null), by account then name. */
    List<BillingRule> billingRules(Long accountId);

    Optional<BilledLine> billedLine(long accountId, String month, String meter, String name);

    /** The storage line of a fileset in a month, whichever account it was billed to. */
    Optional<BilledLine> storageLine(String month, String fileset);

    /** BILL journal lines of the subtree booked at or after fromMs, in id order. */
    List<JournalEntry> billLinesOfSubtree(long accountId, long fromMs, int limit);
    // Allocation cycles and alerts (issue 8 part A).

    Optional<Allocation> allocation(long allocationId);

    /** Grants not deleted, by id. */
    List<Grant> grants();

    Optional<Grant> grant(long grantId);

    /** The grant's latest period that has an allocation. */
    Optional<Grant.Period> lastGrantPeriod(long grantId);

    /** Alert thresholds (percent used) of every account that has any, by account id. */
    java.util.Map<Long, List<Integer>> alertThresholds();

    /** Alerts sent to an account and not re-armed since. */
    java.util.Set<String> alertsSent(long accountId);

    /** Charges less refunds booked to the account and its subtree with fromMs <= time < toMs. */
    long chargedOfSubtreeMicroSu(long accountId, long fromMs, long toMs);

    // Chargeable reservations (issue 8).

    Optional<Reservation> reservation(String name, long startMs);

    /** Reservations not charged yet, oldest end first, at most limit. */
    List<Reservation> unchargedReservations(int limit);

    /** Net charges (charged less refunded) of the jobs that ran in the reservation, started in [fromMs, toMs]. */
    long chargedInReservationMicroSu(String name, long fromMs, long toMs);

    /** How many jobs of the reservation, started in [fromMs, toMs], still hold a lien. */
    long openLiensInReservation(String name, long fromMs, long toMs);
}
