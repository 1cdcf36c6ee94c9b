package org.allocd.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.allocd.ledger.JobFilter;
import org.allocd.ledger.JobRecord;
import org.allocd.ledger.JobSeek;
import org.allocd.ledger.LedgerStats;
import org.allocd.ledger.ReportRows;

/** The report queries over jobs in SQL (shared by both dialects). */
interface SqlReportRows extends ReportRows, SqlRows {
    @Override
    default LedgerStats stats() {
        // Every 10 s for the metrics: the open liens through their partial index, and the charged total from
        // the running totals (V23), not a scan of every job or charge line (a million of them, at scale).
        return sql().one(STATS,
                r -> new LedgerStats(r.getLong(1), r.getLong(2), r.getLong(3))).orElseThrow();
    }

    @Override
    default void eachJobOfSubtree(long accountId, long fromMillis, long toMillis, JobFilter filter, Consumer<JobRecord> each) {
        List<Object> params = new ArrayList<>(List.of(accountId, fromMillis, toMillis));
        String where = jobClause(filter, params);
        sql().each(Rows.SUBTREE + "SELECT " + Rows.JOB_RECORD_COLUMNS + " FROM jobs WHERE account_id IN"
                + " (SELECT id FROM subtree) AND created_at_ms >= ? AND created_at_ms < ?" + where
                + " ORDER BY created_at_ms DESC, job_key", Rows::jobRecord, each, params.toArray());
    }

    @Override
    default List<JobRecord> jobPage(Long accountId, long fromMillis, long toMillis, JobFilter filter, JobSeek seek,
            int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE");
        if (accountId != null) {
            where.append(" account_id = ? AND");
            params.add(accountId);
        }
        boolean newer = seek != null && !seek.older();
        // The window and the seek as ONE range on created_at_ms: with a second bound beside the window's, SQLite
        // ranged the index by the window's and tested the seek on every row before it (a page 20,000 jobs deep
        // read 460,000 index entries of a busy account). The job key only orders the rows of that millisecond.
        long lowMillis = newer ? Math.max(fromMillis, seek.createdAtMillis()) : fromMillis;
        long highMillis = seek != null && seek.older() ? Math.min(toMillis, seek.createdAtMillis() + 1) : toMillis;
        where.append(" created_at_ms >= ? AND created_at_ms < ?");
        params.add(lowMillis);
        params.add(highMillis);
        where.append(jobClause(filter, params));
        if (seek != null) {
            where.append(newer ? " AND (created_at_ms > ? OR job_key < ?)" : " AND (created_at_ms < ? OR job_key > ?)");
            params.addAll(List.of(seek.createdAtMillis(), seek.jobKey()));
        }
        params.add(limit);
        List<JobRecord> page = sql().list("SELECT " + Rows.JOB_RECORD_COLUMNS + " FROM jobs" + where
                + (newer ? " ORDER BY created_at_ms, job_key DESC" : " ORDER BY created_at_ms DESC, job_key")
                + " LIMIT ?", Rows::jobRecord, params.toArray());
        if (newer) {
            Collections.reverse(page);
        }
        return page;
    }

    @Override
    default Counts counts() {
        return sql().one("SELECT (SELECT COUNT(*) FROM accounts), (SELECT COUNT(*) FROM users),"
                + " (SELECT COUNT(*) FROM jobs)", r -> new Counts(r.getLong(1), r.getLong(2), r.getLong(3))).orElseThrow();
    }

    @Override
    default List<Charged> mostCharged(boolean byUser, long fromDayMillis, long toDayMillis, int limit) {
        // The days' running totals (V24) by the index journal_totals_day, not the days' journal lines.
        String name = byUser ? "t.user_name" : "a.name";
        return sql().list("SELECT " + name + ", -SUM(t.amount_micro_su) AS charged FROM journal_totals t"
                + (byUser ? "" : " JOIN accounts a ON a.id = t.account_id") + " WHERE t.kind IN ('CHARGE', 'REFUND')"
                + " AND t.day_start_ms >= ? AND t.day_start_ms < ?" + (byUser ? " AND t.user_name <> ''" : "")
                + " GROUP BY " + name + " HAVING -SUM(t.amount_micro_su) <> 0 ORDER BY charged DESC, " + name + " LIMIT ?",
                r -> new Charged(r.getString(1), r.getLong(2)), fromDayMillis, toDayMillis, limit);
    }

    String STATS = "SELECT (SELECT COUNT(*) FROM jobs WHERE lien_state = 'open'),"
            + " (SELECT COALESCE(SUM(lien_micro_su), 0) FROM jobs WHERE lien_state = 'open'),"
            + " (SELECT -COALESCE(SUM(amount_micro_su), 0) FROM journal_totals WHERE kind IN ('CHARGE', 'REFUND'))";

    /** The filter's conditions as " AND ..." with their parameters added (text, not "? IS NULL": PostgreSQL cannot type a bare null). */
    private static String jobClause(JobFilter filter, List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (filter.userName() != null) {
            where.append(" AND user_name = ?");
            params.add(filter.userName());
        }
        if (filter.lienState() != null) {
            // The state as a literal (one of the enum's names, never the caller's text): SQLite uses a partial
            // index only when the query's WHERE names its value, and the open jobs have two (V26).
            where.append(" AND lien_state = '").append(filter.lienState().sqlName()).append("'");
        }
        return where.toString();
    }
}
