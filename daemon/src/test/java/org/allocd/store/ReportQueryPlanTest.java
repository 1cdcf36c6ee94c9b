package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's plan for the report queries (and a member's use, read at every quote) that must stay fast at a
 * million jobs (BENCHMARKS.md, reports at scale): they read running totals or a covering index, not every line. A change to MONEY_KINDS, the index or the GROUP BY
 * that loses this would pass every other test and make statements 10x slower at scale.
 */
class ReportQueryPlanTest {
    @TempDir
    Path dir;

    @Test
    void aMembersChargesReadTheMonthsTotalsAndTheLinesOfTheEdgeByTime() {
        try (SqlLedgerStore store = SqlLedgerStore.open(dir.resolve("ledger.db"))) {
            String months = store.database().read(c -> plan(c, SqlAccountRows.USER_CHARGED_DAYS));
            assertTrue(months.contains("INDEX sqlite_autoindex_journal_totals_1"), months);
            String lines = store.database().read(c -> plan(c, SqlAccountRows.USER_CHARGED_LINES));
            assertTrue(lines.contains("COVERING INDEX journal_money_time (account_id=? AND at_ms>? AND at_ms<?)"),
                    lines);
            assertFalse(lines.contains("TEMP B-TREE"), lines);
        }
    }

    @Test
    void periodSumsReadTheMonthsTotalsAndTheLinesOfTheEdgesByTime() {
        try (SqlLedgerStore store = SqlLedgerStore.open(dir.resolve("ledger.db"))) {
            String totals = store.database().read(c -> plan(c, SqlJournalRows.TOTAL_SUMS));
            assertTrue(totals.contains("INDEX sqlite_autoindex_journal_totals_1"), totals);
            assertFalse(totals.contains("TEMP B-TREE"), totals);
            String lines = store.database().read(c -> plan(c, SqlJournalRows.LINE_SUMS));
            assertTrue(lines.contains("COVERING INDEX journal_money_time (account_id=? AND at_ms>? AND at_ms<?)"),
                    lines);
            String stats = store.database().read(c -> plan(c, SqlReportRows.STATS));
            assertFalse(stats.contains("journal_money") || stats.contains("SCAN journal\n"), stats);
        }
    }

    @Test
    void daysReadTheDayTotalsNeverTheLines() {
        try (SqlLedgerStore store = SqlLedgerStore.open(dir.resolve("ledger.db"))) {
            String bank = store.database().read(c -> plan(c, SqlJournalRows.BANK_DAYS));
            assertTrue(bank.contains("INDEX journal_totals_day (day_start_ms>? AND day_start_ms<?)"), bank);
            String subtree = store.database().read(c -> plan(c, SqlJournalRows.SUBTREE_DAYS));
            assertTrue(subtree.contains("INDEX sqlite_autoindex_journal_totals_1 (account_id=? AND kind=?)"), subtree);
            assertFalse(bank.contains("SCAN journal") || subtree.contains("journal "), bank + subtree);
        }
    }

    @Test
    void aMembersOpenLiensReadOnlyTheRunningJobs() {
        try (SqlLedgerStore store = SqlLedgerStore.open(dir.resolve("ledger.db"))) {
            String plan = store.database().read(c -> plan(c, SqlAccountRows.USER_LIENED));
            // Any of the partial indexes that hold only the open liens (jobs_open_liens, or V26's by account and user).
            assertTrue(plan.contains("INDEX jobs_open_"), plan);
        }
    }

    private static String plan(Connection c, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + sql); ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                plan.append(r.getString("detail")).append('\n');
            }
        }
        return plan.toString();
    }
}
