package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.allocd.cli.CliFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real allocmgr, in-process, against a real allocd as root (an admin):
 * every verb, every output format, confirmation, and the journal it leaves.
 * Seeded tree: dept > proj, alice and bob members of proj.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllocmgrAdminTest {
    Path dir;
    CliFixture f;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        f = new CliFixture(dir);
        f.ok("add", "account", "dept", "description=Physics", "organization=Uni");
        f.ok("add", "account", "proj", "parent=dept", "description=Lasers");
        f.ok("add", "user", "alice", "defaultaccount=proj", "uid=1001");
        f.ok("add", "user", "bob");
        f.ok("add", "membership", "user=alice", "account=proj");
        f.ok("add", "membership", "user=bob", "account=proj", "limit=50");
        f.ok("-i", "deposit", "proj", "amount=100", "note=grant 2026");
        f.job(1, "alice", "proj", 8, 1800);  // 1 unit x 0.5 h = 0.5 SU
        f.job(2, "alice", "proj", 8, 3600);  // 1 SU
        f.job(3, "bob", "proj", 8, 1800);    // 0.5 SU
        f.runningJob(4, "bob", "proj", 8);   // lien of 1 SU
    }

    @AfterAll
    void stop() {
        f.verifyClean();
        f.close();
    }

    @Test
    void balanceShowsEveryColumnAndAParentSumsItsSubtree() {
        Result r = f.ok("balance");
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("Account", "Scope", "Deposited", "Withdrawn", "TransferIn", "TransferOut", "Charged",
                "Refunded", "Adjusted", "Expired", "Billed", "Balance", "Liened", "CreditLimit", "Available", "Forecast"),
                List.of(lines.get(0).split(" +")));
        assertTrue(lines.get(1).startsWith("-------"), r.out());
        // 100 deposited, 2 SU charged, 1 SU liened by the running job: the columns add up to the balance
        String figures = " +100\\.000000 +0\\.000000 +0\\.000000 +0\\.000000 +-2\\.000000 +0\\.000000 +0\\.000000"
                + " +0\\.000000 +0\\.000000 +98\\.000000 +1\\.000000 +0\\.000000 +97\\.000000 .*";
        String proj = lines.stream().filter(l -> l.startsWith("proj ")).findFirst().orElseThrow();
        assertTrue(proj.matches("proj +subtree" + figures), proj);
        String dept = lines.stream().filter(l -> l.startsWith("dept ")).findFirst().orElseThrow();
        assertTrue(dept.matches("dept +subtree" + figures), dept);
        String own = f.ok("balance", "dept", "own=yes").out().lines().toList().get(2);
        assertTrue(own.matches("dept +own( +0\\.000000){13} .*"), own);
    }

    @Test
    void budgetDelegatedDownTheTreeCountsOnceInTheParent() {
        f.ok("add", "account", "t0");
        f.ok("add", "account", "t1", "parent=t0");
        f.ok("-i", "deposit", "t0", "amount=30", "start=2026-01-01", "end=2099-12-31", "note=grant");
        f.ok("-i", "transfer", "from=t0", "to=t1", "amount=10", "note=delegate");
        // t0's subtree: the 30 deposited once; the 10 moved out of t0 and into t1 cancel
        assertEquals("t0|30.000000|30.000000|10.000000|-10.000000\n"
                + "t1|10.000000|0.000000|10.000000|0.000000\n",
                f.ok("-Pn", "balance", "format=Account,Balance,Deposited,TransferIn,TransferOut").out().lines()
                        .filter(l -> l.startsWith("t0|") || l.startsWith("t1|")).map(l -> l + "\n").reduce("", String::concat));
    }

    @Test
    void quotePricesAJobAsTheSubmitHookDoes() {
        // --mem=300G is 300 GiB = 322.1e9 bytes: 2.68 units, ceil 3 units x 1 h = 3 SU; alice's default account
        assertEquals("accept|proj|3.000000\n", f.ok("-P", "-n", "quote", "user=alice", "partition=gpu", "cpus=16",
                "mem=300G", "gpus=1", "time=1:00:00", "format=Verdict,Account,SU").out());
        // no time limit: the partition's max of one day, 2 GPUs x 24 h = 48 SU fits; 10 GPUs = 240 SU never can
        assertEquals("accept|proj|48.000000\n", f.ok("-P", "-n", "quote", "account=proj", "user=alice",
                "partition=gpu", "gpus=2", "format=Verdict,Account,SU").out());
        assertEquals("reject|proj|240.000000\n", f.ok("-P", "-n", "quote", "account=proj", "user=alice",
                "partition=gpu", "gpus=10", "format=Verdict,Account,SU").out());
        assertEquals(2, f.run("quote", "partition=gpu", "mem=lots").exit());
        assertEquals(2, f.run("quote", "partition=gpu", "time=forever").exit());
    }

    @Test
    void everyOutputFormat() {
        assertEquals("Account|Project|Balance\nproj|Lasers|98.000000\n",
                f.ok("-P", "balance", "proj", "format=Account,Project,Balance").out());
        assertEquals("proj|Lasers|98.000000\n", f.ok("-P", "-n", "balance", "proj", "format=account,project,balance").out());
        assertEquals("Account,Description\ndept,Physics\n", f.ok("--csv", "show", "account", "dept",
                "format=Account,Description").out());
        assertEquals("dept,Physics\n", f.ok("balance", "--csv", "--noheader", "account=dept", "format=Account,Project").out());
        String table = f.ok("show", "account", "dept").out();
        assertTrue(table.lines().toList().get(2).matches("dept +active +Physics +Uni +0\\.000000"), table);
        ObjectNode json = f.ok("--json", "balance", "proj").json();
        JsonNode row = json.get("rows").get(0).get("subtree");
        assertEquals(98_000_000L, row.get("balance_micro_su").asLong());
        assertEquals("98.000000", row.get("balance_su").asText());
        assertEquals(1_000_000L, row.get("open_liens_micro_su").asLong());
        Result both = f.run("--json", "--csv", "balance");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("choose one of --json, --csv"), both.err());
    }

    @Test
    void entitiesAddModifyShowDelete() {
        f.ok("add", "account", "tmp1", "creditlimit=5");
        f.ok("modify", "account", "tmp1", "set", "description=Temporary", "creditlimit=2.5");
        assertEquals("tmp1||active|Temporary|2.500000\n",
                f.ok("-Pn", "show", "account", "tmp1", "format=Account,Parent,State,Description,CreditLimit").out());
        f.ok("add", "user", "carol", "uid=1003");
        f.ok("add", "coordinator", "user=carol", "account=tmp1");
        assertEquals("tmp1|carol|coordinator|0.000000||in total\n",
                f.ok("-Pn", "show", "membership", "account=tmp1").out());
        f.ok("modify", "membership", "where", "user=carol", "account=tmp1", "set", "limit=7");
        assertEquals("tmp1|carol|coordinator|0.000000|7.000000|in total\n",
                f.ok("-Pn", "show", "coordinator", "account=tmp1").out());
        f.ok("modify", "membership", "where", "user=carol", "account=tmp1", "set", "limitper=cycle");
        assertEquals("tmp1|carol|coordinator|7.000000|cycle\n", f.ok("-Pn", "show", "membership", "account=tmp1",
                "format=Account,User,Role,Limit,LimitPer").out(), "the limit stays as it was");
        f.ok("-i", "delete", "coordinator", "user=carol", "account=tmp1");
        assertEquals("tmp1|carol|member|0.000000|7.000000|this cycle (tmp1 has no recurring grant yet, so all use"
                + " counts)\n", f.ok("-Pn", "show", "membership", "account=tmp1").out());
        f.ok("modify", "user", "carol", "defaultaccount=tmp1");
        assertEquals("carol|tmp1|1003\n", f.ok("-Pn", "show", "user", "format=User,DefaultAccount,Uid").out()
                .lines().filter(l -> l.startsWith("carol")).findFirst().orElseThrow() + "\n");
        f.ok("-i", "delete", "membership", "user=carol", "account=tmp1");
        assertEquals("", f.ok("-Pn", "show", "membership", "account=tmp1").out());
        f.ok("-i", "add", "allocation", "tmp1", "amount=10", "start=2026-01-01", "end=2026-12-31", "note=cycle");
        String allocation = f.ok("-Pn", "show", "allocation", "tmp1", "format=Amount,Start,End,Kind").out();
        assertEquals("10.000000|2026-01-01T00:00:00|2027-01-01T00:00:00|allocation\n", allocation,
                "the pot is internal: not shown while it holds nothing");
        f.ok("-i", "adjust", "tmp1", "amount=2", "note=goodwill");
        assertTrue(f.ok("-Pn", "show", "allocation", "tmp1", "format=Amount,Remaining,Start,End,Kind").out()
                .contains("\n|2.000000|||refunds and adjustments\n"), "a pot with money is named, without a 1970 date");
        f.ok("-i", "adjust", "tmp1", "amount=-2", "note=goodwill back");
        f.ok("modify", "account", "tmp1", "state=frozen");
        Result holding = f.run("-i", "delete", "account", "tmp1");
        assertEquals(1, holding.exit());
        assertTrue(holding.err().contains("still holds 10.000000 SU"), holding.err());
        f.ok("-i", "withdraw", "tmp1", "amount=10", "note=closing");
        f.ok("-i", "delete", "account", "tmp1");
        assertEquals("closed\n", f.ok("-Pn", "show", "account", "tmp1", "format=State").out());
    }

    @Test
    void moneyVerbsRecordNoteAndActor() {
        f.ok("add", "account", "m1");
        f.ok("add", "account", "m2");
        f.ok("-i", "deposit", "account=m1", "amount=20", "note=seed");
        f.ok("-i", "withdraw", "m1", "amount=1.25", "note=oops");
        f.ok("-i", "transfer", "from=m1", "to=m2", "amount=3", "note=share");
        f.ok("-i", "adjust", "m2", "amount=-0.000001", "note=rounding fix");
        assertEquals("m1|15.750000\nm2|2.999999\n",
                f.ok("-Pn", "show", "balance", "format=Account,Balance").out().lines()
                        .filter(l -> l.startsWith("m")).map(l -> l + "\n").reduce("", String::concat));
        String journal = f.ok("-Pn", "transactions", "account=m2", "format=Kind,Amount,Actor,Note").out();
        assertTrue(journal.contains("TRANSFER|3.000000|root|from m1: share"), journal);
        assertTrue(journal.contains("ADJUST|-0.000001|root|rounding fix"), journal);
        String payments = f.ok("-Pn", "payments", "m1", "format=Kind,Amount,Note").out();
        assertEquals("DEPOSIT|20.000000|seed\n", payments);
        assertTrue(f.ok("-Pn", "transactions", "kind=withdraw", "format=Account,Amount").out().contains("m1|-1.250000"));
    }

    @Test
    void refundByJobIdInFullOrInPart() {
        f.ok("add", "account", "r1");
        f.ok("add", "membership", "user=alice", "account=r1");
        f.ok("-i", "deposit", "r1", "amount=10", "note=seed");
        f.job(101, "alice", "r1", 8, 3600);
        f.job(102, "alice", "r1", 8, 3600);
        f.ok("-i", "refund", "job=101", "amount=0.25", "note=node failure");
        f.ok("-i", "refund", "job=testcluster/102/0", "note=all of it");
        assertEquals("testcluster/102/0|charged|1.000000|1.000000\ntestcluster/101/0|charged|1.000000|0.250000\n",
                f.ok("-Pn", "show", "jobs", "where", "account=r1", "format=Job,State,Charged,Refunded").out());
        Result unknown = f.run("-i", "refund", "job=999999", "note=x");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("no record of job 999999"), unknown.err());
    }

    @Test
    void refundByTheNameSlurmGivesAnArrayElement() {
        f.ok("add", "account", "r2");
        f.ok("add", "membership", "user=alice", "account=r2");
        f.ok("-i", "deposit", "r2", "amount=10", "note=seed");
        // Elements 1 and 2 of array 201 have job ids 201 and 202: 201_2 is job 202, not job 201.
        for (long task = 1; task <= 2; task++) {
            long jobId = 200 + task;
            f.hook(CliFixture.hookRequest("LIEN", jobId, "alice", "r2", 8).put("array_job_id", 201)
                    .put("array_task_id", task));
            f.hook(CliFixture.hookRequest("CHARGE", jobId, "alice", "r2", 8).put("elapsed_s", 3600)
                    .put("array_job_id", 201).put("array_task_id", task));
        }
        f.ok("-i", "refund", "job=201_2", "amount=0.5", "note=node failure");
        assertEquals("201_2|testcluster/202/0|0.500000\n201_1|testcluster/201/0|0.000000\n",
                f.ok("-Pn", "show", "jobs", "where", "account=r2", "format=JobID,Job,Refunded").out());
    }

    @Test
    void jobchargeByUserWithShares() {
        assertEquals("alice|2|1.500000|75.00%\nbob|1|0.500000|25.00%\n",
                f.ok("-Pn", "jobcharge", "account=proj").out());
        ObjectNode json = f.ok("--json", "jobcharge", "proj").json();
        assertEquals(1_500_000L, json.get("rows").get(0).get("net_micro_su").asLong());
        assertEquals(7500, json.get("rows").get(0).get("share_basis_points").asLong());
        assertEquals("", f.ok("-Pn", "jobcharge", "proj", "start=2000-01-01", "end=2000-01-31").out());
    }

    @Test
    void showJobsWithWhereFilters() {
        assertEquals("testcluster/4/0|bob|open|1.000000\n",
                f.ok("-Pn", "show", "jobs", "where", "account=proj", "state=open", "format=Job,User,State,Lien").out());
        String alice = f.ok("-Pn", "show", "jobs", "where", "user=alice", "account=proj", "format=Job").out();
        assertEquals("testcluster/2/0\ntestcluster/1/0\n", alice);
        assertEquals("", f.ok("-Pn", "show", "jobs", "end=2000-01-01").out());
        assertTrue(f.ok("-P", "show", "jobs").out().startsWith(
                "Job|JobID|User|Account|Partition|ReqTRES|QueuedSec|RunSec|Lien|Charged|State|Ended|Reason\n"));
    }

    @Test
    void statementReproducesTheBalanceFromTheJournal() {
        ObjectNode s = f.ok("--json", "statement", "proj", "start=2000-01-01", "end=2100-01-01").json();
        assertEquals(0, s.get("opening_micro_su").asLong());
        assertEquals(100_000_000L, s.get("deposited_micro_su").asLong());
        assertEquals(-2_000_000L, s.get("charged_micro_su").asLong());
        long lines = 0;
        for (String field : List.of("deposited", "withdrawn", "transferred_in", "transferred_out", "charged",
                "refunded", "adjusted", "expired", "billed")) {
            lines += s.get(field + "_micro_su").asLong();
        }
        assertEquals(s.get("balance_micro_su").asLong(), s.get("opening_micro_su").asLong() + lines);
        // closing equals what balance shows (no allocation has ended, nothing liened changes the balance)
        long balance = f.ok("--json", "balance", "proj").json().get("rows").get(0).get("subtree")
                .get("balance_micro_su").asLong();
        assertEquals(balance, s.get("balance_micro_su").asLong());
        String table = f.ok("-P", "statement", "account=proj", "start=2000-01-01", "end=2100-01-01").out();
        assertTrue(table.contains("charged|alice|-1.500000\n") && table.contains("charged|bob|-0.500000\n"), table);
        assertTrue(table.contains("closing balance||98.000000"), table);
        // A window after now is empty: it opens and closes with the balance now.
        ObjectNode later = f.ok("--json", "statement", "proj", "start=2100-01-01", "end=2100-12-31").json();
        assertEquals(balance, later.get("opening_micro_su").asLong());
        assertEquals(balance, later.get("balance_micro_su").asLong());
    }

    @Test
    void verifyBackupAndWhoami() throws Exception {
        assertEquals("root|true\n", f.ok("-Pn", "whoami").out());
        assertTrue(f.ok("--json", "verify").json().get("clean").asBoolean());
        Path backup = dir.resolve("backup.db");
        assertTrue(f.ok("backup", backup.toString()).out().contains(backup.toString()));
        assertTrue(Files.size(backup) > 0);
    }

    @Test
    void moneyVerbsAskFirst() {
        long before = f.journalEntries();
        Result noTerminal = f.run("deposit", "proj", "amount=5", "note=x");
        assertEquals(1, noTerminal.exit());
        assertTrue(noTerminal.err().contains("add -i (--immediate)"), noTerminal.err());
        Result declined = f.run(true, "n\n", "withdraw", "proj", "amount=5", "note=x");
        assertEquals(1, declined.exit());
        assertTrue(declined.err().contains("withdraw 5.000000 SU from proj. Go ahead? (y/N)"), declined.err());
        assertTrue(declined.err().contains("not confirmed; nothing changed"), declined.err());
        Result eof = f.run(true, "", "-i", "--help");
        assertEquals(0, eof.exit());
        assertEquals(1, f.run(true, "", "delete", "account", "proj").exit());
        assertEquals(before, f.journalEntries());
        f.ok("add", "account", "c1");
        Result yes = f.run(true, "y\n", "deposit", "c1", "amount=5", "note=typed yes");
        assertEquals(0, yes.exit(), yes.err());
        assertEquals("deposited 5.000000 SU into c1\n", yes.out());
    }

    @Test
    void everyVerbHasHelp() {
        for (String[] verb : List.of(new String[] {"add", "account"}, new String[] {"add", "user"},
                new String[] {"add", "membership"}, new String[] {"add", "coordinator"},
                new String[] {"add", "allocation"}, new String[] {"modify", "account"},
                new String[] {"modify", "user"}, new String[] {"modify", "membership"},
                new String[] {"delete", "account"}, new String[] {"delete", "membership"},
                new String[] {"delete", "coordinator"}, new String[] {"show", "account"}, new String[] {"show", "user"},
                new String[] {"show", "membership"}, new String[] {"show", "allocation"}, new String[] {"show", "jobs"},
                new String[] {"show", "balance"}, new String[] {"show", "transactions"}, new String[] {"deposit"},
                new String[] {"withdraw"}, new String[] {"transfer"}, new String[] {"refund"}, new String[] {"adjust"},
                new String[] {"balance"}, new String[] {"jobcharge"}, new String[] {"statement"},
                new String[] {"transactions"}, new String[] {"payments"}, new String[] {"verify"},
                new String[] {"backup"}, new String[] {"whoami"})) {
            String[] args = java.util.Arrays.copyOf(verb, verb.length + 1);
            args[verb.length] = "--help";
            Result r = f.ok(args);
            assertTrue(r.out().startsWith("Usage: allocmgr " + String.join(" ", verb)), r.out());
        }
        assertTrue(f.ok("--help").out().contains("Exit codes: 0 done, 1 refused"));
        assertTrue(f.ok("deposit", "--help").out().contains("note=           why; recorded in the journal"));
    }

    @Test
    void daemonNotRunning() {
        Result r = f.run("--socket", dir.resolve("nothing.sock").toString(), "balance");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("cannot reach allocd at " + dir.resolve("nothing.sock")
                + ": is it running? (systemctl status allocd)"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
