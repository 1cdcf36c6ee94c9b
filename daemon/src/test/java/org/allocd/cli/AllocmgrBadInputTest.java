package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.allocd.cli.CliFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines: the right exit code, a message that says what to fix, and an unchanged journal. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllocmgrBadInputTest {
    CliFixture f;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        f = new CliFixture(dir);
        f.ok("add", "account", "proj");
        f.ok("add", "user", "alice", "defaultaccount=proj");
        f.ok("-i", "deposit", "proj", "amount=10", "note=seed");
    }

    @AfterAll
    void stop() {
        f.verifyClean();
        f.close();
    }

    private void refused(int exit, String message, String... args) {
        long before = f.journalEntries();
        Result r = f.run(args);
        assertEquals(exit, r.exit(), () -> String.join(" ", args) + "\nout: " + r.out() + "\nerr: " + r.err());
        assertTrue(r.err().contains(message), () -> "expected '" + message + "' in: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertEquals("", r.out(), "a refused command prints nothing on stdout");
        assertEquals(before, f.journalEntries(), "nothing changed");
    }

    @Test
    void unknownNames() {
        refused(1, "account 'nope' does not exist; list accounts with 'allocmgr show account'",
                "-i", "deposit", "nope", "amount=5", "note=x");
        refused(1, "user 'ghost' is not known to the bank", "add", "membership", "user=ghost", "account=proj");
        refused(1, "account 'nope' does not exist", "statement", "nope", "start=2026-01-01", "end=2026-02-01");
        refused(1, "account 'nope' does not exist", "balance", "nope");
        refused(1, "the bank has no record of job 77", "-i", "refund", "job=77", "note=x");
        for (String job : new String[] {"abc", "31_x", "31_", "_1", "0_1", "31_1_2", "-5"}) {
            refused(1, "job '" + job + "' is not a Slurm job id (1234), an array element as Slurm names it (31_1:"
                    + " element 1 of array 31) or a key cluster/jobid/restart", "-i", "refund", "job=" + job, "note=x");
        }
        refused(1, "the bank has no record of job 31_99 (element 99 of array 31)", "-i", "refund", "job=31_99",
                "note=x");
        refused(1, "account 'nope' does not exist", "-i", "transfer", "from=proj", "to=nope", "amount=1", "note=x");
    }

    @Test
    void amountsThatAreNotPlainDecimals() {
        for (String amount : new String[] {"1e3", "\uff11\uff12", "+5", " 5", "1,5", "5.1234567"}) {
            refused(2, "is not an amount in SU; write ASCII digits with an optional point and at most 6 decimals",
                    "-i", "deposit", "proj", "amount=" + amount, "note=x");
        }
        refused(2, "amount=-5 must be more than 0 SU", "-i", "withdraw", "proj", "amount=-5", "note=x");
        refused(2, "creditlimit=-1 must not be negative", "modify", "account", "proj", "creditlimit=-1");
        refused(2, "is not an amount in SU; write ASCII digits with an optional point and at most 6 decimals, e.g. 12"
                + " or 12.5 (only a leading - for less", "-i", "adjust", "proj", "amount=+5", "note=x");
    }

    @Test
    void badDates() {
        refused(2, "start=2026-02-30 is not a date; write YYYY-MM-DD or an ISO date-time",
                "statement", "proj", "start=2026-02-30", "end=2026-03-01");
        refused(2, "end=yesterday is not a date", "show", "jobs", "end=yesterday");
        refused(2, "start=2026-01-01T25:00 is not a date", "jobcharge", "proj", "start=2026-01-01T25:00");
        refused(2, "end=2026-01-01 is not after start=2026-02-01", "transactions", "start=2026-02-01", "end=2026-01-01");
        refused(2, "start=01/02/2026 is not a date", "-i", "deposit", "proj", "amount=1", "start=01/02/2026", "note=x");
    }

    @Test
    void badAmounts() {
        refused(2, "amount=-5 must be more than 0 SU", "-i", "deposit", "proj", "amount=-5", "note=x");
        refused(2, "amount=0 must be more than 0 SU", "-i", "withdraw", "proj", "amount=0", "note=x");
        refused(2, "amount=-1 must be more than 0 SU", "-i", "transfer", "from=proj", "to=proj", "amount=-1");
        refused(2, "'1.0000001' is not an amount in SU; write ASCII digits with an optional point and at most 6 decimals",
                "-i", "deposit", "proj", "amount=1.0000001", "note=x");
        refused(2, "'lots' is not an amount in SU", "-i", "deposit", "proj", "amount=lots", "note=x");
        refused(2, "creditlimit=-1 must not be negative", "add", "account", "x", "creditlimit=-1");
        refused(2, "amount=0 changes nothing", "-i", "adjust", "proj", "amount=0", "note=x");
        refused(1, "has 10.000000 SU that may leave it", "-i", "withdraw", "proj", "amount=11", "note=x");
    }

    @Test
    void badFieldsAndShapes() {
        refused(2, "'color' is not a field of allocmgr show jobs; it takes account, user, state, start, end, limit,"
                + " cursor, format",
                "show", "jobs", "where", "color=red");
        refused(2, "format: 'Nope' is not a column here; choose from Account,Scope", "balance", "format=Nope");
        refused(2, "Unmatched argument", "frobnicate");
        refused(2, "Unmatched argument", "add", "planet", "mars");
        refused(2, "give what to add: account, user, coordinator, membership, allocation", "add");
        refused(2, "give a verb", new String[0]);
        refused(2, "Unknown option: '-x'", "-x", "balance");
        refused(2, "takes one name, got 'proj' and 'other'", "-i", "deposit", "proj", "other", "amount=1");
        refused(2, "amount= is given twice", "-i", "deposit", "proj", "amount=1", "amount=2");
        refused(2, "allocmgr deposit needs amount=...", "-i", "deposit", "proj", "note=x");
        refused(2, "modify account proj changes nothing", "modify", "account", "proj");
        refused(2, "allocmgr statement needs a name", "statement", "start=2026-01-01");
        refused(1, "state 'running' is not a job's bank state", "show", "jobs", "state=running");
        refused(1, "kind 'gift' is not a journal kind", "transactions", "kind=gift");
        refused(2, "--timeout takes seconds from 1 to 3600", "--timeout", "0", "balance");
    }
}
