package org.allocd.ledger;

import java.util.List;
import java.util.function.Consumer;

/** The report queries over jobs (allocmgr views, metrics); each list is bounded by limit. */
public interface ReportRows {
    /** How many accounts, users and jobs the bank knows. */
    record Counts(long accounts, long users, long jobs) {}

    /** An account or a user and the SU charged to it in a period, net of refunds. */
    record Charged(String name, long chargedMicroSu) {}

    Counts counts();

    /**
     * The accounts (byUser: the users) charged most on the UTC days from fromDayMillis to toDayMillis (day
     * starts; the last day excluded), most first, at most limit.
     */
    List<Charged> mostCharged(boolean byUser, long fromDayMillis, long toDayMillis, int limit);

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
