package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** allocmgr accounts: NCSA's project summary, its figures the same as allocmgr balance's. */
class AccountsCliTest {
    @TempDir
    Path dir;
    CliFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new CliFixture(dir);
        f.ok("add", "account", "dept", "description=Physics department");
        f.ok("add", "account", "proj", "parent=dept", "description=Lattice QCD");
        f.ok("add", "account", "other", "parent=dept");
        f.ok("add", "user", "alice", "defaultaccount=proj");
        f.ok("add", "membership", "user=alice", "account=proj", "limit=10");
        f.ok("add", "membership", "user=alice", "account=dept");
        f.ok("-i", "deposit", "dept", "amount=100", "note=grant");
        f.ok("-i", "deposit", "proj", "amount=50", "note=grant");
        f.job(1, "alice", "proj", 8, 3600);
        f.job(2, "alice", "proj", 8, 1800);
    }

    @AfterEach
    void stop() {
        f.verifyClean();
        f.close();
    }

    @Test
    void printsTheProjectSummaryOfEveryAccountTheUserMayCharge() {
        assertEquals("""
                Project Summary for User 'alice':

                Account Balance (SU) Deposited (SU) Project description Your use (SU) Your limit (SU) Counts
                ------- ------------ -------------- ------------------- ------------- --------------- --------
                dept      148.500000     150.000000 Physics department       0.000000                 in total
                proj       48.500000      50.000000 Lattice QCD              1.500000       10.000000 in total
                """, f.ok("accounts", "user=alice").out());
        assertEquals("dept|148.500000|150.000000|Physics department|0.000000||in total\n"
                + "proj|48.500000|50.000000|Lattice QCD|1.500000|10.000000|in total\n",
                f.ok("-Pn", "accounts", "user=alice").out());
        assertEquals("Account,Balance (SU)\ndept,148.500000\nproj,48.500000\n",
                f.ok("--csv", "accounts", "user=alice", "format=Account,Balance (SU)").out());
        CliFixture.Result json = f.ok("--json", "accounts", "user=alice");
        assertEquals("alice", json.json().get("user").asText());
        assertEquals(48_500_000, json.json().get("rows").get(1).get("balance_micro_su").asLong());
    }

    @Test
    void balancesAreTheSameFiguresAsAllocmgrBalance() {
        String balance = f.ok("-Pn", "balance", "format=Account,Balance,Deposited").out();
        String summary = f.ok("-Pn", "accounts", "user=alice", "format=Account,Balance (SU),Deposited (SU)").out();
        assertTrue(balance.contains(summary.lines().toList().get(0)) && balance.contains(summary.lines().toList().get(1)),
                balance + " vs " + summary);
    }

    @Test
    void balanceSaysEachMembersUseAgainstTheirLimitUnderTheRows() {
        String notes = f.ok("balance").err();
        assertTrue(notes.contains("allocmgr: proj: alice used 1.500000 of 10.000000 SU in total\n"), notes);
        assertTrue(notes.contains("allocmgr: dept: alice used 0.000000 SU in total (no limit)\n"), notes);
        f.ok("modify", "membership", "user=alice", "account=proj", "limitper=cycle");
        notes = f.ok("balance", "proj").err();
        assertTrue(notes.contains("allocmgr: proj: alice used 1.500000 of 10.000000 SU this cycle (proj has no"
                + " recurring grant yet, so all use counts)\n"), notes);
    }

    @Test
    void rootHasNoSummaryOfItsOwnAndNamesTheUserItWants() {
        assertEquals("", f.ok("-Pn", "accounts").out());
        assertTrue(f.run("accounts", "user=nobody-known").out().contains("Project Summary for User 'nobody-known'"));
    }
}
