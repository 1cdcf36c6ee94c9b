package org.allocd.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalFilter;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.JournalRows;
import org.allocd.ledger.JournalSeek;
import org.allocd.ledger.JournalSum;

/** Journal reads in SQL (shared by both dialects). */
interface SqlJournalRows extends JournalRows, SqlRows {
    @Override
    default Optional<JournalEntry> lastJournalEntry() {
        return sql().one("SELECT " + Rows.JOURNAL_COLUMNS + " FROM journal ORDER BY id DESC LIMIT 1",
                Rows::journalEntry);
    }

    @Override
    default void forEachJournalEntry(Consumer<JournalEntry> consumer) {
        sql().each("SELECT " + Rows.JOURNAL_COLUMNS + " FROM journal ORDER BY id", Rows::journalEntry, consumer);
    }

    @Override
    default void forEachJournalEntryOfJobs(String afterJobKey, String lastJobKey, Consumer<JournalEntry> consumer) {
        // The range reads the partial index journal_job (V1), whose WHERE is job_key IS NOT NULL.
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE job_key IS NOT NULL");
        if (afterJobKey != null) {
            where.append(" AND job_key > ?");
            params.add(afterJobKey);
        }
        if (lastJobKey != null) {
            where.append(" AND job_key <= ?");
            params.add(lastJobKey);
        }
        sql().each("SELECT " + Rows.JOURNAL_COLUMNS + " FROM journal" + where, Rows::journalEntry, consumer,
                params.toArray());
    }

    @Override
    default long journalBalanceBeforeMicroSu(long accountId, long beforeMillis) {
        return sql().number("SELECT COALESCE(SUM(amount_micro_su), 0) FROM journal WHERE account_id = ? AND at_ms < ?"
                + " AND" + Rows.MONEY_KINDS, accountId, beforeMillis);
    }

    @Override
    default List<JournalEntry> journalPage(Long accountId, JournalFilter filter, JournalSeek seek, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (accountId != null) {
            sql.append(Rows.SUBTREE);
            params.add(accountId);
        }
        sql.append("SELECT ").append(Rows.JOURNAL_COLUMNS).append(" FROM journal WHERE at_ms >= ? AND at_ms < ?");
        params.add(filter.fromMillis());
        params.add(filter.toMillis());
        if (accountId != null) {
            sql.append(" AND account_id IN (SELECT id FROM subtree)");
        }
        sql.append(kindClause(filter.kind(), params));
        if (filter.userName() != null) {
            sql.append(" AND user_name = ?");
            params.add(filter.userName());
        }
        boolean backwards = seek != null && !seek.after();
        if (seek != null) {
            sql.append(backwards ? " AND id < ?" : " AND id > ?");
            params.add(seek.id());
        }
        // Backwards reads the nearest lines first (by the index on account and id), then puts them in id order.
        sql.append(backwards ? " ORDER BY id DESC LIMIT ?" : " ORDER BY id LIMIT ?");
        params.add(limit);
        List<JournalEntry> lines = sql().list(sql.toString(), Rows::journalEntry, params.toArray());
        if (!backwards) {
            return lines;
        }
        List<JournalEntry> inOrder = new ArrayList<>(lines);
        Collections.reverse(inOrder);
        return inOrder;
    }

    /**
     * Reads only the covering index journal_money (V3), whose WHERE is Rows.MONEY_KINDS word for word, in
     * its order, so nothing is sorted. TRANSFER sums come back split by sign from the one row: an
     * expression in GROUP BY would make SQLite sort every line.
     */
    @Override
    default List<JournalSum> journalSumsOfSubtree(long accountId, long fromMillis, long toMillis) {
        List<SumRow> rows = sql().list(JOURNAL_SUMS,
                r -> new SumRow(new JournalSum(r.getLong(1), JournalKind.valueOf(r.getString(2)), r.getString(3),
                        r.getLong(4), r.getLong(6)), r.getLong(5)), accountId, fromMillis, toMillis);
        List<JournalSum> sums = new ArrayList<>();
        for (SumRow row : rows) {
            JournalSum sum = row.sum();
            long in = row.incomingMicroSu();
            if (sum.kind() == JournalKind.TRANSFER && in != 0 && in != sum.amountMicroSu()) {
                sums.add(new JournalSum(sum.accountId(), sum.kind(), sum.userName(), in, sum.jobs()));
                sums.add(new JournalSum(sum.accountId(), sum.kind(), sum.userName(), sum.amountMicroSu() - in,
                        sum.jobs()));
            } else {
                sums.add(sum);
            }
        }
        return sums;
    }

    @Override
    default long chargedOfSubtreeMicroSu(long accountId, long fromMillis, long toMillis) {
        // Charge lines are negative, refunds positive: the sum's negation is the net charge.
        return -sql().number(Rows.SUBTREE + "SELECT COALESCE(SUM(amount_micro_su), 0) FROM journal WHERE account_id IN"
                + " (SELECT id FROM subtree) AND kind IN ('CHARGE', 'REFUND') AND at_ms >= ? AND at_ms < ?",
                accountId, fromMillis, toMillis);
    }

    /** Package-visible so a test checks SQLite's plan for it. */
    String JOURNAL_SUMS = Rows.SUBTREE + "SELECT account_id, kind, user_name, SUM(amount_micro_su),"
            + " SUM(CASE WHEN amount_micro_su >= 0 THEN amount_micro_su ELSE 0 END), COUNT(DISTINCT job_key)"
            + " FROM journal WHERE account_id IN (SELECT id FROM subtree) AND at_ms >= ? AND at_ms < ? AND"
            + Rows.MONEY_KINDS + " GROUP BY account_id, kind, user_name";

    /** " AND kind = ?" with its parameter added, or nothing for every kind. */
    private static String kindClause(JournalKind kind, List<Object> params) {
        if (kind == null) {
            return "";
        }
        params.add(kind.name());
        return " AND kind = ?";
    }

    /** One row of journalSumsOfSubtree's query: the sum, and the part of it from lines >= 0. */
    record SumRow(JournalSum sum, long incomingMicroSu) {}
}
