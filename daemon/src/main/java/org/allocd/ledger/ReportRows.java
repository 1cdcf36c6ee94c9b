package org.allocd.ledger;

import java.util.List;
import java.util.function.Consumer;

/** The report queries over jobs (allocmgr views, metrics); each list is bounded by limit. */
public interface ReportRows {
    /** Totals for monitoring: open liens and what was charged, all accounts. */
    LedgerStats stats();

    /** Jobs of the account and its subtree first seen in [fromMillis, toMillis), newest first, with request and times. */
    List<JobRecord> jobsOfSubtree(long accountId, long fromMillis, long toMillis, JobFilter filter, int limit);

    /** Every job jobsOfSubtree would list, unlimited, one at a time (for sums over a busy account). */
    void eachJobOfSubtree(long accountId, long fromMillis, long toMillis, JobFilter filter, Consumer<JobRecord> each);

    /** Jobs of every account first seen in [fromMillis, toMillis), newest first, with request and times. */
    List<JobRecord> jobs(long fromMillis, long toMillis, JobFilter filter, int limit);
}
