package org.allocd.ledger;

import java.util.List;
import java.util.function.Consumer;

/** The report queries over jobs (allocmgr views, metrics); each list is bounded by limit. */
public interface ReportRows {
    /** How many accounts, users and jobs the bank knows. */
    record Counts(long accounts, long users, long jobs) {}

    /** What money moved in a period: SU charged (net of refunds) and deposited. */
    record Moved(long chargedMicroSu, long depositedMicroSu) {}

    /** An account or a user and the SU charged to it in a period, net of refunds. */
    record Charged(String name, long chargedMicroSu) {}

    Counts counts();

    /** The money moved in [fromMillis, toMillis) over every account. */
    Moved moved(long fromMillis, long toMillis);

    /** The accounts (byUser: the users) charged most in [fromMillis, toMillis), most first, at most limit. */
    List<Charged> mostCharged(boolean byUser, long fromMillis, long toMillis, int limit);

    /** Totals for monitoring: open liens and what was charged, all accounts. */
    LedgerStats stats();

    /**
     * Every job of the account and its subtree first seen in [fromMillis, toMillis), newest first, with request
     * and times, one at a time (for sums over a busy account).
     */
    void eachJobOfSubtree(long accountId, long fromMillis, long toMillis, JobFilter filter, Consumer<JobRecord> each);

    /**
     * A page of the jobs of one account (its own, not its subtree's; null: every account) first seen in
     * [fromMillis, toMillis): the limit rows nearest to seek on its side (null: the newest), newest first.
     */
    List<JobRecord> jobPage(Long accountId, long fromMillis, long toMillis, JobFilter filter, JobSeek seek, int limit);
}
