package org.allocd.e2e;

import static org.allocd.e2e.SlurmTestbed.await;
import static org.allocd.e2e.SlurmTestbed.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.allocd.e2e.SlurmTestbed.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * allocmgr show jobs and charges against a real slurmctld: a job allocd held at submit
 * shows as pending with its hold note and quote (read through libslurmshim), the running
 * and ended jobs with their request and Slurm's times as the prolog and epilog sent them.
 * A test bed of its own (directory and ports), run under flock like the other e2e tests.
 */
@Tag("e2e")
class ShowJobsE2eTest {
    private static final String ALICE = "e2ejalice";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final E2eBank E2E = E2eBank.on(Bed.JOBS).withShim().user(ALICE);

    private static Bank bank;
    private static SlurmTestbed slurm;

    @BeforeAll
    static void up() {
        bank = E2E.bank();
        slurm = E2E.slurm();
    }

    /** The real allocmgr, in-process, as root (an admin); requires exit 0. */
    private static String allocmgr(String... args) {
        return bank.allocmgr(args);
    }

    private static ObjectNode json(String... args) {
        try {
            return (ObjectNode) JSON.readTree(allocmgr(args));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode row(ObjectNode answer, String job) {
        for (JsonNode row : answer.get("rows")) {
            if (row.get("job").asText().equals(job)) {
                return row;
            }
        }
        return null;
    }

    @Test
    void heldJobShowsPendingWithItsHoldNoteAndTheOthersWithRequestAndTimes() throws IOException {
        // 0.05 SU: one 2-minute one-unit job (0.033333 SU) fits, a second does not.
        bank.account("e2ejobs", 50_000, ALICE);
        long running = slurm.submit(ALICE, "-A", "e2ejobs", "-t", "2", "--wrap", "sleep 30");
        slurm.awaitState(running, "RUNNING");
        await("lien of job " + running, () -> unchecked(() -> bank.liened("e2ejobs")) == 33_333);
        Run held = slurm.sbatch(ALICE, "-A", "e2ejobs", "-t", "2", "--wrap", "true");
        assertEquals(0, held.exitCode(), held.stderr());
        long heldJob = Long.parseLong(held.stdout().trim());
        String heldKey = "testcluster/" + heldJob;

        await("job " + heldJob + " pending in show jobs",
                () -> row(json("--json", "show", "jobs", "account=e2ejobs"), heldKey) != null);
        ObjectNode jobs = json("--json", "show", "jobs", "account=e2ejobs");
        assertTrue(jobs.get("slurm_reachable").asBoolean(), jobs.toString());
        JsonNode pending = row(jobs, heldKey);
        assertEquals("pending", pending.get("state").asText());
        assertEquals(ALICE, pending.get("user").asText());
        assertTrue(pending.get("reason").asText().startsWith("QOSGrpBillingMinutes: account e2ejobs needs 0.033333 SU"),
                pending.toString());
        assertEquals(33_333, pending.get("quote_micro_su").asLong());
        assertTrue(pending.get("queued_s").asLong() >= 0 && pending.get("run_s").isNull(), pending.toString());
        JsonNode open = row(jobs, "testcluster/" + running + "/0");
        assertEquals("open", open.get("state").asText());
        assertEquals("debug", open.get("partition").asText());
        assertEquals("cpu=1,mem=1G,node=1", open.get("req_tres").asText());
        assertTrue(open.get("start_ms").asLong() >= open.get("submit_ms").asLong(), open.toString());
        assertEquals("Job|State|Reason\n" + heldKey + "|pending|" + pending.get("reason").asText() + "\n",
                allocmgr("-P", "show", "jobs", "account=e2ejobs", "state=pending", "format=Job,State,Reason"));

        assertEquals(0, slurm.slurm("scancel", Long.toString(heldJob), Long.toString(running)).exitCode());
        slurm.awaitEnd(running);
        await("charge of job " + running, () -> unchecked(() -> bank.liened("e2ejobs")) == 0);
        JsonNode charged = row(json("--json", "show", "jobs", "account=e2ejobs", "state=charged"),
                "testcluster/" + running + "/0");
        long elapsed = slurm.elapsedSeconds(running);
        assertEquals(elapsed, charged.get("run_s").asLong(), charged.toString());
        assertEquals(elapsed * 1000, charged.get("end_ms").asLong() - charged.get("start_ms").asLong());
        ObjectNode meters = json("-o", "json", "charges", "e2ejobs");
        assertEquals("debug.cpu", meters.get("meters").get(0).get("key").asText(), meters.toString());
        assertEquals(charged.get("charged_micro_su").asLong(), meters.get("amount_micro_su").asLong());
        bank.assertVerifyClean();
    }
}
