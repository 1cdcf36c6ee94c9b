package org.allocd.e2e;

import static org.allocd.e2e.SlurmTestbed.await;
import static org.allocd.e2e.SlurmTestbed.sleepSeconds;
import static org.allocd.e2e.SlurmTestbed.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every run of every job charged right on a real slurmctld: requeued runs each charged for
 * their own time, a job killed at its time limit recorded TIMEOUT and charged no more than its
 * lien, a failed job charged or not as the charge policy says. One-core jobs: 1 unit.
 */
@Tag("e2e")
class RunsE2eTest {
    private static final String ALICE = "e2eruns";
    private static final long FUNDS = 1000 * 1_000_000L;

    @RegisterExtension
    static final E2eBank E2E = E2eBank.on(Bed.RUNS).user(ALICE);

    private static Bank bank;
    private static SlurmTestbed slurm;

    @BeforeAll
    static void up() {
        bank = E2E.bank();
        slurm = E2E.slurm();
    }

    /**
     * Requeues the running job and lets its next run start now (Slurm would wait its credential window). slurmd
     * refuses a launch credential made within the same second as the last run's revocation ("already killed, do
     * not launch batch job", and the run fails), so the next run starts two seconds after the requeue.
     */
    private static void requeueAndRestart(long job, int nextRestart) throws IOException {
        assertEquals(0, slurm.slurm("scontrol", "requeue", Long.toString(job)).exitCode());
        await("job " + job + " pending again", () -> unchecked(() -> "PENDING".equals(slurm.state(job))));
        sleepSeconds(2);
        assertEquals(0, slurm.slurm("scontrol", "update", "JobId=" + job, "StartTime=now").exitCode());
        await("run " + nextRestart + " of job " + job, () -> unchecked(() -> slurm.job(job)).get("Restarts")
                .equals(Integer.toString(nextRestart)) && unchecked(() -> "RUNNING".equals(slurm.state(job))));
    }

    @Test
    void requeuedTwiceThenFinishedIsThreeRunsEachChargedForItsOwnTime() throws IOException {
        bank.account("e2erq", FUNDS, ALICE);
        long job = slurm.submit(ALICE, "-A", "e2erq", "-t", "10", "--wrap",
                "if [ \"${SLURM_RESTART_COUNT:-0}\" -ge 2 ]; then sleep 3; else sleep 300; fi");
        slurm.awaitState(job, "RUNNING");
        bank.awaitLiened("e2erq", Bank.amount(1, 600));
        sleepSeconds(4);

        requeueAndRestart(job, 1);
        await("run 0 charged", () -> bank.charged("e2erq", job, 0));
        bank.awaitLiened("e2erq", Bank.amount(1, 600)); // run 1's lien only: never two open
        sleepSeconds(6);
        requeueAndRestart(job, 2);
        await("run 1 charged", () -> bank.charged("e2erq", job, 1));
        slurm.awaitEnd(job);
        await("run 2 charged", () -> bank.charged("e2erq", job, 2));

        long total = 0;
        for (int restart = 0; restart < 3; restart++) {
            JsonNode run = bank.run("e2erq", job, restart);
            long ranSeconds = run.get("run_s").asLong();
            assertEquals(Bank.amount(1, ranSeconds), run.get("charged_micro_su").asLong(), run.toString());
            total += run.get("charged_micro_su").asLong();
        }
        assertTrue(bank.run("e2erq", job, 0).get("run_s").asLong() >= 4, bank.runs("e2erq", job).toString());
        assertTrue(bank.run("e2erq", job, 1).get("run_s").asLong() >= 6, bank.runs("e2erq", job).toString());
        assertTrue(bank.run("e2erq", job, 2).get("run_s").asLong() < 6, bank.runs("e2erq", job).toString());
        assertEquals("REQUEUED", bank.run("e2erq", job, 0).get("end_state").asText());
        assertEquals("COMPLETED", bank.run("e2erq", job, 2).get("end_state").asText());
        bank.awaitCharged("e2erq", FUNDS - total);
        bank.assertVerifyClean();
    }

    @Test
    void aJobKilledAtItsTimeLimitIsRecordedTimeoutAndChargedNoMoreThanItsLien() throws IOException {
        bank.account("e2eto", FUNDS, ALICE);
        long job = slurm.submit(ALICE, "-A", "e2eto", "-t", "1", "--wrap", "sleep 300");
        slurm.awaitState(job, "RUNNING");
        bank.awaitLiened("e2eto", Bank.amount(1, 60));
        sleepSeconds(55); // the time limit is a minute; awaits wait 30 s at most
        await("job " + job + " timed out", () -> bank.charged("e2eto", job, 0));

        JsonNode run = bank.run("e2eto", job, 0);
        assertEquals("TIMEOUT", run.get("end_state").asText(), run.toString());
        assertEquals(Bank.amount(1, 60), run.get("charged_micro_su").asLong(), "capped at the lien: " + run);
        bank.awaitCharged("e2eto", FUNDS - Bank.amount(1, 60));
        bank.assertVerifyClean();
    }

    @Test
    void aFailedJobIsFreeUnderDebitSuccessfulAndChargedUnderDebitAll() throws IOException {
        bank.account("e2efail", FUNDS, ALICE);
        try {
            bank.chargePolicy("DEBITSUCCESSFULWC");
            long free = slurm.submit(ALICE, "-A", "e2efail", "-t", "1", "--wrap", "sleep 2; exit 1");
            slurm.awaitEnd(free);
            await("job " + free + " settled", () -> bank.charged("e2efail", free, 0));
            assertEquals("FAILED", bank.run("e2efail", free, 0).get("end_state").asText());
            assertEquals(0, bank.run("e2efail", free, 0).get("charged_micro_su").asLong());
            bank.awaitCharged("e2efail", FUNDS);

            bank.chargePolicy("DEBITALLWC");
            long paid = slurm.submit(ALICE, "-A", "e2efail", "-t", "1", "--wrap", "sleep 2; exit 1");
            slurm.awaitEnd(paid);
            await("job " + paid + " settled", () -> bank.charged("e2efail", paid, 0));
            JsonNode run = bank.run("e2efail", paid, 0);
            assertEquals("FAILED", run.get("end_state").asText());
            assertEquals(Bank.amount(1, run.get("run_s").asLong()), run.get("charged_micro_su").asLong());
            assertTrue(run.get("charged_micro_su").asLong() > 0, run.toString());
            bank.awaitCharged("e2efail", FUNDS - run.get("charged_micro_su").asLong());
        } finally {
            bank.chargePolicy("DEBITALLWC");
        }
        bank.assertVerifyClean();
    }
}
