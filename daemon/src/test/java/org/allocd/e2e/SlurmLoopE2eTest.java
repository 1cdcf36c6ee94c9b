package org.allocd.e2e;

import static org.allocd.e2e.SlurmTestbed.await;
import static org.allocd.e2e.SlurmTestbed.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.allocd.e2e.SlurmTestbed.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole loop, end to end: a real slurmctld and slurmd (scripts/testbed),
 * the C hooks built from slurm-hooks/, allocd's daemon on a SQLite ledger; jobs submitted with
 * sbatch as an unprivileged user; the ledger read over the admin socket; verify clean after each.
 * One cluster for the class: each test uses accounts of its own.
 */
@Tag("e2e")
class SlurmLoopE2eTest {
    private static final String ALICE = "e2ealice";
    private static final String BOB = "e2ebob";
    private static final long SU = 1_000_000;
    private static final long FUNDS = 1000 * SU;

    @RegisterExtension
    static final E2eBank E2E = E2eBank.on(Bed.LOOP).account("e2edefault", FUNDS)
            .user(ALICE, "e2edefault").member(ALICE, "e2edefault").account("e2ebobs", FUNDS).user(BOB, "e2ebobs");

    private static Bank bank;
    private static SlurmTestbed slurm;

    @BeforeAll
    static void up() {
        bank = E2E.bank();
        slurm = E2E.slurm();
    }

    private static long amount(long units, long seconds) {
        return Bank.amount(units, seconds);
    }

    private static void awaitLiened(String account, long microSu) {
        bank.awaitLiened(account, microSu);
    }

    /** A funded account of ALICE's and a one-core job of hers on it, running and liened for its time limit. */
    private static long runningJob(String account, int minutes, String command) throws IOException {
        bank.account(account, FUNDS, ALICE);
        long job = slurm.submit(ALICE, "-A", account, "-t", Integer.toString(minutes), "--wrap", command);
        slurm.awaitState(job, "RUNNING");
        awaitLiened(account, amount(1, minutes * 60L));
        return job;
    }

    private static void awaitCharged(String account, long expectedBalance) throws IOException {
        bank.awaitCharged(account, expectedBalance);
    }

    // ---- test 1 -----------------------------------------------------------------------------------------------

    @Test
    void fundedJobIsLienedAtStartAndChargedForItsElapsedTime() throws IOException {
        bank.account("e2e1", FUNDS, ALICE);

        long job = slurm.submit(ALICE, "-A", "e2e1", "-t", "2", "--gpus=1", "--wrap", "sleep 4");
        slurm.awaitState(job, "RUNNING");
        // 1 GPU is the largest of GPU (1), memory (1 GiB / 2 GiB) and cores (1 / 1): 1 unit x 2 minutes.
        awaitLiened("e2e1", amount(1, 120));
        slurm.awaitEnd(job);

        long elapsed = slurm.elapsedSeconds(job);
        awaitCharged("e2e1", FUNDS - amount(1, elapsed));
        assertEquals(0, bank.liened("e2e1"), "the lien is released once, by the charge");
        bank.assertVerifyClean();
    }

    // ---- test 2 -----------------------------------------------------------------------------------------------

    @Test
    void unknownAccountNonMemberAndFrozenAccountAreRefusedAtSubmit() throws IOException {
        bank.account("e2e2", FUNDS, ALICE);

        Run unknown = slurm.sbatch(ALICE, "-A", "e2enosuch", "-t", "1", "--wrap", "true");
        assertNotEquals(0, unknown.exitCode());
        assertTrue(unknown.stderr().contains("e2enosuch"), unknown.stderr());
        assertTrue(unknown.stderr().contains("accounting/QOS policy"), unknown.stderr());

        Run stranger = slurm.sbatch(BOB, "-A", "e2e2", "-t", "1", "--wrap", "true");
        assertNotEquals(0, stranger.exitCode());
        assertTrue(stranger.stderr().contains(BOB) && stranger.stderr().contains("e2e2"), stranger.stderr());

        bank.freeze("e2e2");
        Run frozen = slurm.sbatch(ALICE, "-A", "e2e2", "-t", "1", "--wrap", "true");
        assertNotEquals(0, frozen.exitCode());
        assertTrue(frozen.stderr().contains("frozen"), frozen.stderr());

        assertEquals(FUNDS, bank.balance("e2e2"));
        assertEquals(0, bank.liened("e2e2"));
        bank.assertVerifyClean();
    }

    // ---- short funds: held at submit, requeued held at start ------------------------------------------------------

    @Test
    void jobTheAccountCannotPayBesideRunningJobsIsSubmittedHeld() throws IOException {
        bank.account("e2eheld", 50_000, ALICE);
        long running = slurm.submit(ALICE, "-A", "e2eheld", "-t", "2", "--wrap", "sleep 30");
        slurm.awaitState(running, "RUNNING");
        awaitLiened("e2eheld", amount(1, 120));

        Run held = slurm.sbatch(ALICE, "-A", "e2eheld", "-t", "2", "--wrap", "true");
        assertEquals(0, held.exitCode(), held.stderr());
        assertTrue(held.stderr().contains("QOSGrpBillingMinutes"), held.stderr());
        long job = Long.parseLong(held.stdout().trim());
        Map<String, String> fields = slurm.job(job);
        assertEquals("PENDING", fields.get("JobState"));
        assertEquals("0", fields.get("Priority"), "held: priority 0");
        assertTrue(fields.get("AdminComment").startsWith("QOSGrpBillingMinutes"), fields.toString());

        assertEquals(0, slurm.slurm("scancel", Long.toString(job), Long.toString(running)).exitCode());
        slurm.awaitEnd(running);
        awaitCharged("e2eheld", 50_000 - amount(1, slurm.elapsedSeconds(running)));
        bank.assertVerifyClean();
    }

    @Test
    void jobWhoseLienNoLongerFitsAtStartIsRequeuedHeld() throws IOException {
        bank.account("e2estart", 50_000, ALICE);
        // Both are quoted with nothing running (each fits), then become eligible together: one lien fits.
        long first = slurm.submit(ALICE, "-A", "e2estart", "-t", "2", "--begin=now+3", "--wrap", "sleep 5");
        long second = slurm.submit(ALICE, "-A", "e2estart", "-t", "2", "--begin=now+3", "--wrap", "sleep 5");

        await("one job requeued held", () -> unchecked(() -> requeuedHeld(first) || requeuedHeld(second)));
        long held = requeuedHeld(first) ? first : second;
        long ran = held == first ? second : first;
        Map<String, String> fields = slurm.job(held);
        assertEquals("0", fields.get("Priority"));
        assertTrue(fields.get("AdminComment").startsWith("QOSGrpBillingMinutes"), fields.toString());

        slurm.awaitEnd(ran);
        assertEquals(0, slurm.slurm("scancel", Long.toString(held)).exitCode());
        awaitCharged("e2estart", 50_000 - amount(1, slurm.elapsedSeconds(ran)));
        bank.assertVerifyClean();
    }

    private static boolean requeuedHeld(long job) throws IOException {
        Map<String, String> fields = slurm.job(job);
        return "PENDING".equals(fields.get("JobState")) && "1".equals(fields.get("Restarts"));
    }

    // ---- test 4 -----------------------------------------------------------------------------------------------

    @Test
    void jobWithoutAccountIsChargedToTheUsersDefaultAccount() throws IOException {
        long job = slurm.submit(ALICE, "-t", "1", "--wrap", "sleep 2");

        assertEquals("e2edefault", slurm.job(job).get("Account"), "the plugin fills in the default account");
        slurm.awaitEnd(job);
        awaitCharged("e2edefault", FUNDS - amount(1, slurm.elapsedSeconds(job)));
        bank.assertVerifyClean();
    }

    // ---- test 5 -----------------------------------------------------------------------------------------------

    @Test
    void daemonAwayJobsGoThroughWithinTheBoundAndAreChargedFromTheSpool() throws Exception {
        bank.account("e2e5", FUNDS, ALICE);
        bank.stop();
        bank.startSilent();
        long job;
        try {
            Run open = slurm.sbatch(ALICE, "-A", "e2e5", "-t", "1", "--wrap", "sleep 2");
            assertEquals(0, open.exitCode(), "fail-open lets the job in: " + open.stderr());
            // The plugin waits 200 ms; the rest is sbatch and slurmctld themselves.
            assertTrue(open.millis() < 5000, "sbatch took " + open.millis() + " ms with a silent allocd");
            assertTrue(slurm.slurmctldLog().contains("within 200 ms (timed out); failing open"));
            job = Long.parseLong(open.stdout().trim());
            slurm.awaitEnd(job);
            await("lien and charge of job " + job + " spooled", () -> spooled().size() == 2);

            bank.writeConfig("closed");
            slurm.restart();
            Run closed = slurm.sbatch(ALICE, "-A", "e2e5", "-t", "1", "--wrap", "true");
            assertNotEquals(0, closed.exitCode(), "fail-closed refuses the job");
            assertTrue(closed.stderr().contains("not answering"), closed.stderr());
            assertTrue(closed.millis() < 5000, "sbatch took " + closed.millis() + " ms with a silent allocd");
        } finally {
            bank.stopSilent();
            bank.start();
            bank.writeConfig("open");
            slurm.restart();
        }

        await("spool replayed", () -> spooled().isEmpty());
        long charged = FUNDS - amount(1, slurm.elapsedSeconds(job));
        awaitCharged("e2e5", charged);

        // The same epilog again, as slurmctld would run it: allocd says "already charged", nothing moves.
        Run again = slurm.onBed(List.of(slurm.build.resolve("allocd-hook").toString()), Map.of(
                "SLURM_SCRIPT_CONTEXT", "epilog_slurmctld", "SLURM_JOB_ID", Long.toString(job),
                "SLURM_CLUSTER_NAME", "testcluster", "SLURM_JOB_USER", ALICE, "SLURM_JOB_ACCOUNT", "e2e5",
                "SLURM_JOB_PARTITION", "debug", "SLURM_JOB_RESTART_COUNT", "0", "SLURM_JOB_EXIT_CODE2", "0:0"));
        assertEquals(0, again.exitCode(), again.stderr());
        assertEquals(charged, bank.balance("e2e5"), "a replayed epilog does not charge twice");
        assertTrue(spooled().isEmpty(), "nothing spooled by the replayed epilog");
        bank.assertVerifyClean();
    }

    private static List<Path> spooled() {
        Path spool = slurm.dir.resolve("spool");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- test 6 -----------------------------------------------------------------------------------------------

    @Test
    void jobCancelledWhilePendingLeavesNoLien() throws IOException {
        bank.account("e2e6a", FUNDS, ALICE);

        long job = slurm.submit(ALICE, "-A", "e2e6a", "-t", "1", "--begin=now+3600", "--wrap", "true");
        slurm.awaitState(job, "PENDING");
        assertEquals(0, slurm.slurm("scancel", Long.toString(job)).exitCode());
        slurm.awaitState(job, "CANCELLED");

        assertEquals(0, bank.liened("e2e6a"));
        assertEquals(FUNDS, bank.balance("e2e6a"));
        bank.assertVerifyClean();
    }

    @Test
    void longerTimeLimitOfARunningJobMovesItsLien() throws IOException {
        long job = runningJob("e2e6b", 2, "sleep 60");
        Run update = slurm.slurm("scontrol", "update", "JobId=" + job, "TimeLimit=4");
        assertEquals(0, update.exitCode(), update.stderr());
        awaitLiened("e2e6b", amount(1, 240));

        assertEquals(0, slurm.slurm("scancel", Long.toString(job)).exitCode());
        slurm.awaitEnd(job);
        awaitCharged("e2e6b", FUNDS - amount(1, slurm.elapsedSeconds(job)));
        bank.assertVerifyClean();
    }

    // ---- test 7 -----------------------------------------------------------------------------------------------

    @Test
    void gpuMemoryAndCpuBoundJobsPayForTheirLargestResource() throws IOException {
        bank.account("e2e7gpu", FUNDS, ALICE);
        bank.account("e2e7mem", FUNDS, ALICE);
        bank.account("e2e7cpu", FUNDS, ALICE);

        // 3 GPUs; memory 7 GiB / 2 GiB = 3.5 -> 4 units (ceil); 2 cores / 1 = 2 units.
        long gpu = slurm.submit(ALICE, "-A", "e2e7gpu", "-t", "1", "--gpus=3", "-c", "1", "--mem=1G", "--wrap",
                "sleep 2");
        long mem = slurm.submit(ALICE, "-A", "e2e7mem", "-t", "1", "-c", "1", "--mem=7G", "--wrap", "sleep 2");
        long cpu = slurm.submit(ALICE, "-A", "e2e7cpu", "-t", "1", "-c", "2", "--mem=1G", "--wrap", "sleep 2");

        for (long job : new long[] {gpu, mem, cpu}) {
            slurm.awaitEnd(job);
        }
        awaitCharged("e2e7gpu", FUNDS - amount(3, slurm.elapsedSeconds(gpu)));
        awaitCharged("e2e7mem", FUNDS - amount(4, slurm.elapsedSeconds(mem)));
        awaitCharged("e2e7cpu", FUNDS - amount(2, slurm.elapsedSeconds(cpu)));
        bank.assertVerifyClean();
    }

    // ---- fallback account ----------------------------------------------------------------------------------------

    @Test
    void aJobItsAccountCannotCoverRunsAndIsChargedOnTheFallbackAccount() throws IOException {
        bank.account("e2efb", FUNDS);
        bank.account("e2esmall", amount(1, 60), ALICE);
        bank.admin("{\"op\":\"set_fallback\",\"account\":\"e2esmall\",\"fallback\":\"e2efb\"}");

        // 1 unit x 2 minutes is more than e2esmall holds: the submit plugin moves the job to e2efb.
        long job = slurm.submit(ALICE, "-A", "e2esmall", "-t", "2", "-c", "1", "--mem=1G", "--wrap", "sleep 2");
        assertEquals("e2efb", slurm.job(job).get("Account"), "Slurm runs the job on the fallback account");
        slurm.awaitEnd(job);
        awaitCharged("e2efb", FUNDS - amount(1, slurm.elapsedSeconds(job)));
        assertEquals(amount(1, 60), bank.balance("e2esmall"), "the account asked for pays nothing");
        var row = bank.admin("{\"op\":\"jobs\",\"account\":\"e2efb\"}").get("rows").get(0);
        assertEquals("e2esmall", row.get("requested_account").asText(), row.toString());
        bank.assertVerifyClean();
    }

    // ---- lien expiry ---------------------------------------------------------------------------------------------

    @Test
    void jobWhoseEpilogIsLostIsChargedFromSlurmsRecordWhenItsLienExpires() throws Exception {
        long job = runningJob("e2e7lost", 1, "sleep 3");
        // allocd away while the job ends: the epilog spools its charge, and the spool file is lost.
        bank.stop();
        try {
            slurm.awaitEnd(job);
            await("charge of job " + job + " spooled", () -> spooled().size() == 1);
            for (Path lost : spooled()) {
                Files.delete(lost);
            }
            bank.startWithShim(slurm.buildShim(slurm.build));
            assertEquals(amount(1, 60), bank.liened("e2e7lost"), "the lien waits for its expiry");

            // Past the time limit (60 s) + lien_grace_seconds (300 s): housekeeping asks Slurm and charges once.
            bank.housekeepNow(Duration.ofMinutes(10));
            long charged = FUNDS - amount(1, slurm.elapsedSeconds(job));
            assertEquals(0, bank.liened("e2e7lost"));
            assertEquals(charged, bank.balance("e2e7lost"), "charged Slurm's EndTime - StartTime");
            bank.housekeepNow(Duration.ofMinutes(1));
            assertEquals(charged, bank.balance("e2e7lost"), "a second run charges nothing");
            bank.assertVerifyClean();
        } finally {
            bank.stop();
            bank.start();
        }
    }
}
