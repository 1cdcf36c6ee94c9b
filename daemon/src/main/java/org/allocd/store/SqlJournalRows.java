package org.allocd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.allocd.ledger.DayMoney;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalFilter;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.JournalRows;
import org.allocd.ledger.JournalSeek;
import org.allocd.ledger.JournalSum;
import org.allocd.ledger.JournalTotal;

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

    /** The days before the instant's day edge from journal_totals (V24), the rest from the lines. */
    @Override
    default long journalBalanceBeforeMicroSu(long accountId, long beforeMillis) {
        long edge = DayEdges.edge(beforeMillis, DayEdges.newestLineMillis(sql()));
        long days = sql().number("SELECT COALESCE(SUM(amount_micro_su), 0) FROM journal_totals WHERE account_id = ?"
                + " AND day_start_ms < ?", accountId, edge);
        String lines = "SELECT COALESCE(SUM(amount_micro_su), 0) FROM journal WHERE account_id = ? AND at_ms >= ?"
                + " AND at_ms < ? AND" + MONEY_LINES;
        if (edge < beforeMillis) {
            return days + sql().number(lines, accountId, edge, beforeMillis);
        }
        return edge == beforeMillis ? days : days - sql().number(lines, accountId, beforeMillis, edge);
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
     * Whole days from journal_totals (V24), the rest from the lines: the sums over [from, to) are the totals
     * of the days from from's day edge to to's, plus the lines from to's edge to to, less the lines from
     * from's edge to from (where an edge lies after its instant, those lines count the other way).
     */
    @Override
    default List<JournalSum> journalSumsOfSubtree(long accountId, long fromMillis, long toMillis) {
        if (fromMillis >= toMillis) {
            return List.of();
        }
        Map<SumKey, Sums> sums = new LinkedHashMap<>();
        long newest = DayEdges.newestLineMillis(sql());
        long fromEdge = DayEdges.edge(fromMillis, newest);
        long toEdge = DayEdges.edge(toMillis, newest);
        if (fromEdge >= toEdge) {
            addSums(sums, 1, LINE_SUMS, accountId, fromMillis, toMillis);
        } else {
            addSums(sums, 1, TOTAL_SUMS, accountId, fromEdge, toEdge);
            addSums(sums, toEdge <= toMillis ? 1 : -1, LINE_SUMS, accountId, Math.min(toEdge, toMillis),
                    Math.max(toEdge, toMillis));
            addSums(sums, fromEdge <= fromMillis ? -1 : 1, LINE_SUMS, accountId, Math.min(fromEdge, fromMillis),
                    Math.max(fromEdge, fromMillis));
        }
        List<JournalSum> result = new ArrayList<>();
        sums.forEach((key, sum) -> {
            if (sum.lines() == 0) {
                return;
            }
            String user = key.userName().isEmpty() ? null : key.userName();
            long in = sum.incomingMicroSu();
            if (key.kind() == JournalKind.TRANSFER && in != 0 && in != sum.amountMicroSu()) {
                result.add(new JournalSum(key.accountId(), key.kind(), user, in, sum.jobs()));
                result.add(new JournalSum(key.accountId(), key.kind(), user, sum.amountMicroSu() - in, sum.jobs()));
            } else {
                result.add(new JournalSum(key.accountId(), key.kind(), user, sum.amountMicroSu(), sum.jobs()));
            }
        });
        return result;
    }

    @Override
    default void forEachJournalTotal(Consumer<JournalTotal> consumer) {
        sql().each("SELECT account_id, kind, user_name, day_start_ms, amount_micro_su, incoming_micro_su, lines,"
                + " jobs FROM journal_totals ORDER BY account_id, kind, user_name, day_start_ms",
                r -> new JournalTotal(r.getLong(1), JournalKind.valueOf(r.getString(2)),
                        r.getString(3).isEmpty() ? null : r.getString(3), r.getLong(4), r.getLong(5), r.getLong(6),
                        r.getLong(7), r.getLong(8)), consumer);
    }

    /** Adds sign x each row of a sums query (TOTAL_SUMS or LINE_SUMS) over [fromMillis, toMillis). */
    private void addSums(Map<SumKey, Sums> sums, int sign, String query, long accountId, long fromMillis,
            long toMillis) {
        if (fromMillis == toMillis) {
            return;
        }
        sql().each(query, r -> Map.entry(new SumKey(r.getLong(1), JournalKind.valueOf(r.getString(2)), r.getString(3)),
                new Sums(sign * r.getLong(4), sign * r.getLong(5), sign * r.getLong(6), sign * r.getLong(7))),
                row -> sums.merge(row.getKey(), row.getValue(), Sums::plus), accountId, fromMillis, toMillis);
    }


    /** Net charges from journalSumsOfSubtree: whole days from the totals, at most a day of lines at each end. */
    @Override
    default long chargedOfSubtreeMicroSu(long accountId, long fromMillis, long toMillis) {
        // Charge lines are negative, refunds positive: the sum's negation is the net charge.
        long net = 0;
        for (JournalSum sum : journalSumsOfSubtree(accountId, fromMillis, toMillis)) {
            if (sum.kind() == JournalKind.CHARGE || sum.kind() == JournalKind.REFUND) {
                net -= sum.amountMicroSu();
            }
        }
        return net;
    }

    @Override
    default List<DayMoney> moneyByDay(Long accountId, long fromDayMillis, long toDayMillis) {
        if (JournalTotal.dayStartMillis(fromDayMillis) != fromDayMillis
                || JournalTotal.dayStartMillis(toDayMillis) != toDayMillis || fromDayMillis > toDayMillis
                || (toDayMillis - fromDayMillis) / JournalTotal.DAY_MILLIS > DayMoney.MAX_DAYS) {
            throw new IllegalArgumentException("moneyByDay reads up to " + DayMoney.MAX_DAYS + " whole UTC days: "
                    + fromDayMillis + " to " + toDayMillis);
        }
        List<DayMoney> withMoney = accountId == null
                ? sql().list(BANK_DAYS, SqlJournalRows::dayMoney, fromDayMillis, toDayMillis)
                : sql().list(SUBTREE_DAYS, SqlJournalRows::dayMoney, accountId, fromDayMillis, toDayMillis);
        Map<Long, DayMoney> byDay = new HashMap<>();
        withMoney.forEach(d -> byDay.put(d.dayStartMillis(), d));
        List<DayMoney> days = new ArrayList<>();
        for (long start = fromDayMillis; start < toDayMillis; start += JournalTotal.DAY_MILLIS) {
            days.add(byDay.getOrDefault(start, new DayMoney(start, 0, 0)));
        }
        return days;
    }

    private static DayMoney dayMoney(ResultSet r) throws SQLException {
        return new DayMoney(r.getLong(1), r.getLong(2), r.getLong(3));
    }

    /** A day's money from its totals: charges and refunds (net, as a positive charge) and deposits. */
    String DAY_MONEY = "SELECT day_start_ms, -COALESCE(SUM(CASE WHEN kind <> 'DEPOSIT' THEN amount_micro_su END), 0),"
            + " COALESCE(SUM(CASE WHEN kind = 'DEPOSIT' THEN amount_micro_su END), 0) FROM journal_totals"
            + " WHERE kind IN ('CHARGE', 'REFUND', 'DEPOSIT') AND day_start_ms >= ? AND day_start_ms < ?";

    /** Every account's days, by the index journal_totals_day (V24). */
    String BANK_DAYS = DAY_MONEY + " GROUP BY day_start_ms";

    /** A subtree's days, by the totals' key (account, kind, ...). */
    String SUBTREE_DAYS = Rows.SUBTREE + DAY_MONEY + " AND account_id IN (SELECT id FROM subtree) GROUP BY day_start_ms";

    /**
     * Word for word the WHERE of the index journal_money_time (V23), which reads an account's money lines by
     * time; journal_money's WHERE lists the same kinds in another order, so SQLite cannot read that one here.
     */
    String MONEY_LINES = " kind NOT IN ('ADMIN', 'LIEN', 'RELEASE')";

    /** A subtree's running totals of the days in a range, by account, kind and user. */
    String TOTAL_SUMS = Rows.SUBTREE + "SELECT account_id, kind, user_name, SUM(amount_micro_su),"
            + " SUM(incoming_micro_su), SUM(lines), SUM(jobs) FROM journal_totals WHERE account_id IN"
            + " (SELECT id FROM subtree) AND day_start_ms >= ? AND day_start_ms < ?"
            + " GROUP BY account_id, kind, user_name";

    /** The same sums from a subtree's lines in a range of time, as the writer adds them to the totals. */
    String LINE_SUMS = Rows.SUBTREE + "SELECT account_id, kind, COALESCE(user_name, ''), SUM(amount_micro_su),"
            + " SUM(CASE WHEN amount_micro_su >= 0 THEN amount_micro_su ELSE 0 END), COUNT(*),"
            + " COUNT(DISTINCT CASE WHEN kind = 'CHARGE' THEN job_key END) FROM journal WHERE account_id IN"
            + " (SELECT id FROM subtree) AND at_ms >= ? AND at_ms < ? AND" + MONEY_LINES
            + " GROUP BY account_id, kind, user_name";

    /** " AND kind = ?" with its parameter added, or nothing for every kind. */
    private static String kindClause(JournalKind kind, List<Object> params) {
        if (kind == null) {
            return "";
        }
        params.add(kind.name());
        return " AND kind = ?";
    }

    /** What journalSumsOfSubtree sums by; userName is '' for lines without a user, as in journal_totals. */
    record SumKey(long accountId, JournalKind kind, String userName) {}

    /** A group's money, the part of it from lines >= 0, its lines and the jobs charged in them. */
    record Sums(long amountMicroSu, long incomingMicroSu, long lines, long jobs) {
        Sums plus(Sums other) {
            return new Sums(amountMicroSu + other.amountMicroSu, incomingMicroSu + other.incomingMicroSu,
                    lines + other.lines, jobs + other.jobs);
        }
    }
}
