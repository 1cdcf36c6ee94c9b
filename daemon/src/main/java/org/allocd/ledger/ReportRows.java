package org.allocd.ledger;

import java.util.List;
import java.util.function.Consumer;

/** The report queries over jobs (allocmgr views, metrics); each list is bounded by limit. */
public interface ReportRows {
    /** Totals for monitoring: open liens and what was charged, all accounts. */
    LedgerStats stats();

    /** Jobs of the account and its subtree first seen in [fromMs, toMs), newest first, with request and times. */
    List<JobRecord> jobsOfSubtree(long accountId, long fromMs, long toMs, JobFilter filter, int limit);

    /** Every job jobsOfSubtree would list, unlimited, one at a time (for sums over a busy account). */
    void eachJobOfSubtree(long accountId, long fromMs, long toMs, JobFilter filter, Consumer<JobRecord> each);

    /** Jobs of every account first seen in [fromMs, toMs), newest first, with request and times. */
    List<JobRecord> jobs(long fromMs, long toMs, JobFilter filter, int limit);
}
