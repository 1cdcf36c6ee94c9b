package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.StoreUnavailableException;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** verify must notice every way the stored state can drift from the journal. */
class VerifyTest extends LedgerOnEachStore {
    @BeforeEach
    void open() {
        f.account("proj", null);
        f.user("alice", "proj");
        f.deposit("proj", 10 * SU);
        f.lien("c1/1", "proj", "alice", 3 * SU);
        f.lien("c1/2", "proj", "alice", 2 * SU);
        f.charge("c1/2", SU);
        f.assertClean();
    }

    @Override
    protected boolean endsClean() {
        return false; // every test damages the store and asserts what verify finds
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = TestStore.connect(f.location); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private VerifyReport dirty() {
        VerifyReport report = f.ledger.verify();
        assertFalse(report.clean(), "verify missed the damage");
        return report;
    }

    @Test
    void countsWhatItChecked() {
        VerifyReport report = f.ledger.verify();
        assertEquals(1, report.accounts());
        assertEquals(2, report.jobs());
        assertEquals(7, report.journalEntries(), "2 admin + deposit + 2 liens + release + charge");
    }

    @Test
    void cachedBalanceOffByOneMicroSu() throws SQLException {
        sql("UPDATE accounts SET balance_micro_su = balance_micro_su + 1");
        assertTrue(dirty().problems().get(0).contains("balance"));
    }

    @Test
    void allocationRemainingChanged() throws SQLException {
        sql("UPDATE allocations SET remaining_micro_su = remaining_micro_su + 5 WHERE is_pot = 0");
        dirty();
    }

    @Test
    void lienCacheDrifts() throws SQLException {
        sql("UPDATE jobs SET lien_state = 'released' WHERE job_key = 'c1/1'");
        dirty();
    }

    @Test
    void jobRowMissingForJournalEntries() throws SQLException {
        sql("DELETE FROM jobs WHERE job_key = 'c1/2'");
        assertTrue(dirty().problems().stream().anyMatch(p -> p.contains("job table does not know")));
    }

    @Test
    void jobsCheckedInChunksFindWhatOneChunkFinds() throws SQLException {
        f.lien("c1/3", "proj", "alice", SU);
        // Journal lines of unknown jobs before, between and after the known one's keys, and one known job off.
        sql("DELETE FROM jobs WHERE job_key = 'c1/1'", "DELETE FROM jobs WHERE job_key = 'c1/3'",
                "UPDATE jobs SET charged_micro_su = charged_micro_su + 1 WHERE job_key = 'c1/2'");
        VerifyReport whole = dirty();
        assertEquals(1, whole.jobs());
        for (String job : new String[] {"c1/1", "c1/3"}) {
            assertEquals(1, whole.problems().stream().filter(p -> p.contains("job " + job + " that the job table"
                    + " does not know")).count(), whole.problems().toString());
        }
        assertTrue(whole.problems().stream().anyMatch(p -> p.startsWith("job c1/2 records a charge")));
        for (int chunk = 1; chunk <= 3; chunk++) {
            int jobChunk = chunk;
            VerifyReport chunked = f.ledger.read(view -> new Verifier(view, jobChunk).run());
            assertEquals(whole, chunked, "chunks of " + jobChunk + " jobs");
        }
    }

    @Test
    void aRunningTotalThatDriftsIsNamedByAccountKindAndDay() throws SQLException {
        sql("UPDATE journal_totals SET amount_micro_su = amount_micro_su - 1 WHERE kind = 'CHARGE'");
        String day = LocalDate.ofInstant(Instant.ofEpochMilli(f.clock.millis()), ZoneOffset.UTC).toString();
        VerifyReport report = dirty();
        assertEquals(1, report.problemCount(), () -> report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("the running total of account proj, kind CHARGE, user alice,"
                + " day " + day + " is -1.000001 SU"), report.problems().get(0));
    }

    @Test
    void aMissingRunningTotalIsNamed() throws SQLException {
        sql("DELETE FROM journal_totals WHERE kind = 'DEPOSIT'");
        VerifyReport report = dirty();
        assertEquals(1, report.problemCount(), () -> report.problems().toString());
        assertTrue(report.problems().get(0).contains("account proj, kind DEPOSIT, user (none)"), report.problems().get(0));
        assertTrue(report.problems().get(0).contains("is missing; its journal lines give 10.000000 SU"),
                report.problems().get(0));
    }

    @Test
    void journalIsAppendOnly() {
        SQLException e = assertThrows(SQLException.class, () -> sql("UPDATE journal SET note = 'x' WHERE id = 1"));
        assertTrue(e.getMessage().contains("append-only"));
        assertThrows(SQLException.class, () -> sql("DELETE FROM journal WHERE id = 1"));
    }

    @Test
    void rewrittenHistoryBreaksTheChain() throws SQLException {
        sql(kind.dropJournalTrigger("journal_no_update"), "UPDATE journal SET note = 'forged' WHERE id = 2");
        assertTrue(dirty().problems().stream().anyMatch(p -> p.contains("hash mismatch")));
    }

    @Test
    void deletedEntryIsNoticed() throws SQLException {
        sql(kind.dropJournalTrigger("journal_no_delete"), "DELETE FROM journal WHERE id = 3");
        assertTrue(dirty().problems().stream().anyMatch(p -> p.contains("missing")));
    }

    @Test
    void backupIsAConsistentCopy() {
        Path copy = dir.resolve("backup.db");
        if (kind == TestStore.POSTGRESQL) {
            StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                    () -> f.ledger.backupTo(copy));
            assertTrue(refused.getMessage().contains("back up a PostgreSQL store with pg_dump"), refused.getMessage());
            assertFalse(Files.exists(copy));
            return;
        }
        f.ledger.backupTo(copy);
        assertTrue(Files.exists(copy));
        try (LedgerStore restored = SqlLedgerStore.open(copy)) {
            Ledger ledger = new Ledger(restored, f.clock);
            assertTrue(ledger.verify().clean());
            assertEquals(f.balance("proj"), ledger.balance("proj"));
        }
    }
}
