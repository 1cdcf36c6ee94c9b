package org.allocd.e2e;

import static org.allocd.e2e.SlurmTestbed.await;
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
 * A job that uses more memory than it asked for, on a real slurmd that limits each job's memory (task/cgroup): the
 * kernel kills it, Slurm ends it OUT_OF_MEMORY, and the bank records that and charges it by the charge policy, as a
 * failed run (free under DEBITSUCCESSFULWC, charged under DEBITALLWC). One core and 100 MiB: 1 unit.
 */
@Tag("e2e")
class OutOfMemoryE2eTest {
    private static final String ALICE = "e2eoom";
    private static final long FUNDS = 1000 * 1_000_000L;
    /** Runs three seconds, then takes 400 MiB in one string, four times what it asked for. */
    private static final String OVER_ITS_MEMORY = "sleep 3; perl -e '$x = q(a) x (400 * 1024 * 1024); sleep 30'";

    @RegisterExtension
    static final E2eBank E2E = E2eBank.on(Bed.OOM).limitMemory().user(ALICE);

    private static Bank bank;
    private static SlurmTestbed slurm;

    @BeforeAll
    static void up() {
        bank = E2E.bank();
        slurm = E2E.slurm();
    }

    /** Submits a job past its memory and waits for its charge; the bank's row of it. */
    private static JsonNode outOfMemory(String account) throws IOException {
        long job = slurm.submit(ALICE, "-A", account, "--mem=100M", "-t", "1", "--wrap", OVER_ITS_MEMORY);
        slurm.awaitEnd(job);
        assertEquals("OUT_OF_MEMORY", slurm.state(job), "Slurm's end state of job " + job);
        await("job " + job + " settled", () -> bank.charged(account, job, 0));
        JsonNode run = bank.run(account, job, 0);
        assertEquals("OUT_OF_MEMORY", run.get("end_state").asText(), run.toString());
        assertTrue(run.get("run_s").asLong() >= 3 && run.get("run_s").asLong() < 30, run.toString());
        return run;
    }

    @Test
    void aJobPastItsMemoryIsRecordedOutOfMemoryAndChargedAsAFailedRun() throws IOException {
        bank.account("e2eoom", FUNDS, ALICE);
        try {
            bank.chargePolicy("DEBITSUCCESSFULWC");
            JsonNode free = outOfMemory("e2eoom");
            assertEquals(0, free.get("charged_micro_su").asLong(), "a failed run is free: " + free);
            bank.awaitCharged("e2eoom", FUNDS);

            bank.chargePolicy("DEBITALLWC");
            JsonNode paid = outOfMemory("e2eoom");
            assertEquals(Bank.amount(1, paid.get("run_s").asLong()), paid.get("charged_micro_su").asLong(),
                    paid.toString());
            bank.awaitCharged("e2eoom", FUNDS - paid.get("charged_micro_su").asLong());
        } finally {
            bank.chargePolicy("DEBITALLWC");
        }
        bank.assertVerifyClean();
    }
}
