package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.cli.CliFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * show jobs (request, times, hold reason) and charges (meters) through the
 * real allocmgr against a real allocd, as root (admin). Without Slurm here the
 * pending jobs part says "slurm not reachable". Partition gpu: 120 GB or 72
 * cores per unit, ceil, rate 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllocmgrJobsTest {
    private static final long GIB = 1L << 30;
    private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    CliFixture f;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        f = new CliFixture(dir);
        f.ok("add", "account", "dept");
        f.ok("add", "account", "proj", "parent=dept");
        f.ok("add", "user", "alice", "defaultaccount=proj");
        f.ok("add", "user", "bob");
        f.ok("add", "membership", "user=alice", "account=proj");
        f.ok("add", "membership", "user=bob", "account=proj");
        f.ok("-i", "deposit", "proj", "amount=100", "note=grant");
        // 16 cores, 300 GiB (322 GB: 2.68 -> 3 units, memory won), 1 GPU; queued 30 s, ran 1800 s: 1.5 SU.
        ended(11, "alice", 16, 300 * GIB, 1, 30_000, 1800, "COMPLETED");
        // 8 cores, 16 GiB, 2 GPUs: 2 units, GPU won; ran its whole hour and Slurm killed it: 2 SU.
        ended(12, "bob", 8, 16 * GIB, 2, 0, 3600, "TIMEOUT");
        // Running: 4 cores, 8 GiB, 1 GPU, started 5 s after its submit.
        f.hook(job("LIEN", 13, "alice", 4, 8 * GIB, 1).put("submit_ms", T0).put("start_ms", T0 + 5_000));
        // As an older hook sends it: no times.
        f.job(14, "bob", "proj", 8, 1800);
    }

    @AfterAll
    void stop() {
        f.verifyClean();
        f.close();
    }

    private void ended(long id, String user, int cpus, long memBytes, int gpus, long queuedMillis, long elapsedS,
            String endState) {
        long start = T0 + queuedMillis;
        f.hook(job("LIEN", id, user, cpus, memBytes, gpus).put("submit_ms", T0).put("start_ms", start));
        f.hook(job("CHARGE", id, user, cpus, memBytes, gpus).put("submit_ms", T0).put("start_ms", start)
                .put("end_ms", start + elapsedS * 1000).put("elapsed_s", elapsedS).put("state", endState));
    }

    private static ObjectNode job(String op, long id, String user, int cpus, long memBytes, int gpus) {
        return CliFixture.hookRequest(op, id, user, "proj", cpus).put("mem_bytes", memBytes).put("gpus", gpus);
    }

    @Test
    void everyColumnOfAnEndedARunningAndAnOldJob() {
        Result r = f.ok("-P", "show", "jobs", "account=proj");
        assertEquals("Job|JobID|User|Account|Partition|ReqTRES|QueuedSec|RunSec|Lien|Charged|State|Ended|Reason",
                r.out().lines().findFirst().orElseThrow());
        assertTrue(r.out().contains("testcluster/11/0|11|alice|proj|gpu|cpu=16,mem=300G,node=1,gres/gpu=1|30|1800"
                + "|3.000000|1.500000|charged|COMPLETED|\n"), r.out());
        assertTrue(r.out().contains("testcluster/12/0|12|bob|proj|gpu|cpu=8,mem=16G,node=1,gres/gpu=2|0|3600"
                + "|2.000000|2.000000|charged|TIMEOUT|\n"), r.out());
        assertTrue(r.out().contains("testcluster/14/0|14|bob|proj|gpu|cpu=8,node=1|||1.000000|0.500000|charged||\n"),
                r.out());
        String running = r.out().lines().filter(l -> l.startsWith("testcluster/13/0|")).findFirst().orElseThrow();
        assertTrue(running.matches("testcluster/13/0\\|13\\|alice\\|proj\\|gpu\\|cpu=4,mem=8G,node=1,gres/gpu=1\\|5\\|"
                + "\\d+\\|1\\.000000\\|0\\.000000\\|open\\|\\|"), running);
        assertTrue(r.err().contains("allocmgr: slurm not reachable (") && r.err().contains(
                "jobs pending in Slurm are not shown"), r.err());
    }

    @Test
    void jsonHasExactMicroSuTimesAndSaysSlurmIsNotReachable() {
        ObjectNode json = f.ok("--json", "show", "jobs", "where", "user=alice", "state=charged").json();
        JsonNode row = json.get("rows").get(0);
        assertEquals(1, json.get("rows").size(), json.toString());
        assertEquals("testcluster/11/0", row.get("job").asText());
        assertEquals(11, row.get("job_id").asLong());
        assertEquals(1_500_000, row.get("charged_micro_su").asLong());
        assertEquals("1.500000", row.get("charged_su").asText());
        assertEquals(3_000_000, row.get("lien_micro_su").asLong());
        assertEquals(T0, row.get("submit_ms").asLong());
        assertEquals(T0 + 30_000, row.get("start_ms").asLong());
        assertEquals(T0 + 30_000 + 1_800_000, row.get("end_ms").asLong());
        assertEquals(30, row.get("queued_s").asLong());
        assertEquals(1800, row.get("run_s").asLong());
        assertEquals("COMPLETED", row.get("end_state").asText());
        assertTrue(row.get("reason").isNull());
        // state=charged cannot be pending in Slurm: Slurm is not asked.
        assertTrue(json.get("slurm_reachable").isNull(), json.toString());
        ObjectNode all = f.ok("--json", "show", "jobs").json();
        assertFalse(all.get("slurm_reachable").asBoolean());
        assertTrue(all.get("slurm_note").asText().startsWith("slurm not reachable ("), all.toString());
    }

    @Test
    void csvNoHeaderHiddenColumnsAndPending() {
        assertEquals("testcluster/12/0,\"cpu=8,mem=16G,node=1,gres/gpu=2\"\n",
                f.ok("--csv", "-n", "show", "jobs", "user=bob", "state=charged", "format=Job,ReqTRES", "end=2100-01-01")
                        .out().lines().filter(l -> l.startsWith("testcluster/12/")).map(l -> l + "\n").findFirst()
                        .orElseThrow());
        assertEquals("11|2026-11-01T00:00:00|2026-11-01T00:00:30|2026-11-01T00:30:30|0.000000\n",
                f.ok("-Pn", "show", "jobs", "user=alice", "state=charged", "format=JobId,Submit,Start,End,Refunded")
                        .out());
        Result pending = f.ok("-Pn", "show", "jobs", "state=pending");
        assertEquals("", pending.out());
        assertTrue(pending.err().contains("slurm not reachable"), pending.err());
        Result table = f.ok("show", "jobs", "state=open");
        assertTrue(table.out().startsWith("Job              JobID User  Account Partition ReqTRES"), table.out());
        assertEquals("", table.err(), "Slurm is not asked for open jobs");
    }

    @Test
    void pagesWithLimitAndTheCursorTheFooterNames() {
        Result first = f.ok("-Pn", "show", "jobs", "state=charged", "limit=2", "format=Job");
        assertEquals(2, first.out().lines().count(), first.out());
        Matcher older = Pattern.compile("older jobs: the same command with cursor=(\\S+)")
                .matcher(first.err());
        assertTrue(older.find(), first.err());
        Result second = f.ok("-Pn", "show", "jobs", "state=charged", "limit=2", "format=Job", "cursor=" + older.group(1));
        assertEquals(1, second.out().lines().count(), second.out());
        assertFalse(first.out().contains(second.out()), first.out() + second.out());
        assertTrue(second.err().contains("newer jobs: the same command with cursor="), second.err());
        assertFalse(second.err().contains("older jobs"), second.err());
        Result forged = f.run("show", "jobs", "cursor=abc");
        assertTrue(forged.err().contains("is not a page cursor of the jobs op"), forged.err());
    }

    @Test
    void badInputIsRefusedWithWhatToFix() {
        Result state = f.run("show", "jobs", "state=running");
        assertEquals(1, state.exit());
        assertTrue(state.err().contains("state 'running' is not a job's bank state; use pending or one of"),
                state.err());
        Result field = f.run("show", "jobs", "where", "partition=gpu");
        assertEquals(2, field.exit());
        assertTrue(field.err().contains("'partition' is not a field of allocmgr show jobs"), field.err());
        Result date = f.run("charges", "proj", "start=2026-11-31");
        assertEquals(2, date.exit());
        assertTrue(date.err().contains("start=2026-11-31 is not a date"), date.err());
        Result order = f.run("charges", "proj", "start=2026-11-02", "end=2026-11-01");
        assertEquals(2, order.exit());
        assertTrue(order.err().contains("is not after start="), order.err());
        Result output = f.run("-o", "yaml", "charges", "proj");
        assertEquals(2, output.exit());
        assertTrue(output.err().contains("-o/--output takes table, parsable, csv or json, got 'yaml'"), output.err());
        Result two = f.run("-o", "json", "-P", "charges", "proj");
        assertEquals(2, two.exit());
        assertTrue(two.err().contains("choose one of --json, --csv, -P/--parsable2 and -o/--output"), two.err());
        Result noAccount = f.run("charges");
        assertEquals(2, noAccount.exit());
        assertTrue(noAccount.err().contains("allocmgr charges needs a name"), noAccount.err());
        Result unknown = f.run("charges", "nope");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("account 'nope' does not exist"), unknown.err());
        Result where = f.run("charges", "proj", "where", "user=alice");
        assertEquals(2, where.exit());
        assertTrue(where.err().contains("'user' is not a field of allocmgr charges"), where.err());
    }

    @Test
    void chargesSplitIntoMetersThatAddUpToTheAccountsCharges() {
        ObjectNode json = f.ok("charges", "account=dept", "-o", "json").json();
        assertEquals(json, f.ok("--json", "charges", "dept").json());
        JsonNode meters = json.get("meters");
        assertEquals(2, meters.size(), json.toString());
        // 11 (memory won) and 14 (cores won) go to CPU/memory; 12 (GPUs won) to GPU.
        assertEquals("gpu.cpu", meters.get(0).get("key").asText());
        assertEquals("gpu CPU/memory", meters.get(0).get("label").asText());
        assertEquals(2_000_000, meters.get(0).get("amount_micro_su").asLong());
        assertEquals(2, meters.get(0).get("jobs").asLong());
        assertEquals("gpu.gpu", meters.get(1).get("key").asText());
        assertEquals(2_000_000, meters.get(1).get("amount_micro_su").asLong());
        assertEquals("2.000000", meters.get(1).get("amount_su").asText());
        assertEquals("gpu GPU", json.get("labels").get("gpu.gpu").asText());
        assertEquals("all users", json.get("scope").asText());
        // The same money jobcharge reports, to the micro-SU.
        long byUser = 0;
        for (JsonNode u : f.ok("--json", "jobcharge", "dept").json().get("rows")) {
            byUser += u.get("net_micro_su").asLong();
        }
        assertEquals(byUser, json.get("amount_micro_su").asLong());
        assertEquals("Meter|Label|Jobs|SU\ngpu.cpu|gpu CPU/memory|2|2.000000\ngpu.gpu|gpu GPU|1|2.000000\n",
                f.ok("-P", "charges", "proj").out());
        assertEquals("gpu.gpu,gpu,gpu,2.000000,0.000000\n",
                f.ok("--csv", "-n", "charges", "proj", "format=Meter,Partition,Kind,Charged,Refunded").out().lines()
                        .skip(1).map(l -> l + "\n").findFirst().orElseThrow());
        assertTrue(f.ok("charges", "proj").out().startsWith("Meter   Label          Jobs       SU\n"));
        assertEquals("", f.ok("-Pn", "charges", "proj", "start=2000-01-01", "end=2000-01-31").out());
        assertTrue(f.ok("charges", "--help").out().contains("GPU on a"));
    }
}
