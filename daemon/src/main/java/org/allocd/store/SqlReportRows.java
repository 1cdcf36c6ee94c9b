package org.allocd.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.allocd.ledger.JobFilter;
import org.allocd.ledger.JobRecord;
import org.allocd.ledger.LedgerStats;
import org.allocd.ledger.ReportRows;

/** The report queries over jobs in SQL (shared by both dialects). */
interface SqlReportRows extends ReportRows, SqlRows {
    @Override
    default LedgerStats stats() {
        // Every 10 s for the metrics: the open liens through their partial index, and the charged total from
        // the covering index journal_money (as usedMicroSu), not a scan of every job (a million of them, at scale).
        return sql().one(STATS,
                r -> new LedgerStats(r.getLong(1), r.getLong(2), r.getLong(3))).orElseThrow();
    }

    @Override
    default List<JobRecord> jobsOfSubtree(long accountId, long fromMillis, long toMillis, JobFilter filter, int limit) {
        List<JobRecord> jobs = new ArrayList<>();
        eachJobOfSubtree(accountId, fromMillis, toMillis, filter, limit, jobs::add);
        return jobs;
    }

    @Override
    default void eachJobOfSubtree(long accountId, long fromMillis, long toMillis, JobFilter filter, Consumer<JobRecord> each) {
        eachJobOfSubtree(accountId, fromMillis, toMillis, filter, -1, each);
    }

    @Override
    default List<JobRecord> jobs(long fromMillis, long toMillis, JobFilter filter, int limit) {
        List<Object> params = new ArrayList<>(List.of(fromMillis, toMillis));
        String where = jobClause(filter, params);
        params.add(limit);
        return sql().list("SELECT " + Rows.JOB_RECORD_COLUMNS
                + " FROM jobs WHERE created_at_ms >= ? AND created_at_ms < ?"
                + where + " ORDER BY created_at_ms DESC, job_key LIMIT ?", Rows::jobRecord, params.toArray());
    }

    String STATS = "SELECT (SELECT COUNT(*) FROM jobs WHERE lien_state = 'open'),"
            + " (SELECT COALESCE(SUM(lien_micro_su), 0) FROM jobs WHERE lien_state = 'open'),"
            + " (SELECT -COALESCE(SUM(amount_micro_su), 0) FROM journal WHERE" + Rows.MONEY_KINDS
            + " AND kind IN ('CHARGE', 'REFUND'))";

    /** A negative limit: every job. */
    private void eachJobOfSubtree(long accountId, long fromMillis, long toMillis, JobFilter filter, int limit,
            Consumer<JobRecord> each) {
        List<Object> params = new ArrayList<>(List.of(accountId, fromMillis, toMillis));
        String where = jobClause(filter, params);
        String limitClause = "";
        if (limit >= 0) {
            limitClause = " LIMIT ?";
            params.add(limit);
        }
        sql().each(Rows.SUBTREE + "SELECT " + Rows.JOB_RECORD_COLUMNS + " FROM jobs WHERE account_id IN"
                + " (SELECT id FROM subtree) AND created_at_ms >= ? AND created_at_ms < ?" + where
                + " ORDER BY created_at_ms DESC, job_key" + limitClause, Rows::jobRecord, each,
                params.toArray());
    }

    /** The filter's conditions as " AND ..." with their parameters added (text, not "? IS NULL": PostgreSQL cannot type a bare null). */
    private static String jobClause(JobFilter filter, List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (filter.userName() != null) {
            where.append(" AND user_name = ?");
            params.add(filter.userName());
        }
        if (filter.lienState() != null) {
            where.append(" AND lien_state = ?");
            params.add(filter.lienState().sqlName());
        }
        return where.toString();
    }
}
