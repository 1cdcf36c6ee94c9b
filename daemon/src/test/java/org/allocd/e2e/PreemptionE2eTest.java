package org.allocd.e2e;

import static org.allocd.e2e.SlurmTestbed.await;
import static org.allocd.e2e.SlurmTestbed.sleepSeconds;
import static org.allocd.e2e.SlurmTestbed.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A standby job preempted by a premium one on a real slurmctld with slurmdbd (PreemptType=preempt/qos): with
 * PreemptMode=REQUEUE the preempted run is charged for the time it ran and recorded PREEMPTED, and the next run is
 * liened and charged on its own, never two open liens; with PreemptMode=CANCEL the run is charged like a cancel and
 * recorded as Slurm says it ended. Both jobs take every CPU of the one node, so the premium one must preempt.
 */
@Tag("e2e")
class PreemptionE2eTest {
    private static final String ALICE = "e2epreempt";
    private static final long FUNDS = 1000 * 1_000_000L;
    /** QOS standby is requeued when preempted, scavenger cancelled; premium preempts both. */
    private static final String REQUEUED_QOS = "standby";
    private static final String CANCELLED_QOS = "scavenger";
    private static final String PREMIUM_QOS = "premium";

    @RegisterExtension
    static final E2eBank E2E = E2eBank.on(Bed.PREEMPT).withDbd()
            // The global mode must allow preemption; each QOS says how its jobs are preempted.
            .slurmConf("PreemptType=preempt/qos", "PreemptMode=REQUEUE").user(ALICE);

    private static Bank bank;
    private static SlurmTestbed slurm;
    /** The node's CPUs: a job asking for all of them leaves no room for another. */
    private static int cpus;

    @BeforeAll
    static void up() throws Exception {
        bank = E2E.bank();
        slurm = E2E.slurm();
        sacctmgr("add", "qos", REQUEUED_QOS, "PreemptMode=requeue");
        sacctmgr("add", "qos", CANCELLED_QOS, "PreemptMode=cancel");
        sacctmgr("add", "qos", PREMIUM_QOS, "Preempt=" + REQUEUED_QOS + "," + CANCELLED_QOS);
        cpus = Integer.parseInt(slurm.slurmOk("sinfo", "-h", "-o", "%c").strip());
    }

    private static void sacctmgr(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sacctmgr", "-i"));
        command.addAll(List.of(args));
        slurm.slurmOk(command.toArray(String[]::new));
    }

    /** An account in the bank and in Slurm, alice in both, with the QOSes of this test. */
    private static void account(String name) throws IOException {
        bank.account(name, FUNDS, ALICE);
        sacctmgr("add", "account", name);
        sacctmgr("add", "user", ALICE, "account=" + name,
                "qos=normal," + REQUEUED_QOS + "," + CANCELLED_QOS + "," + PREMIUM_QOS);
    }

    /** A job on every CPU of the node, as alice. */
    private static long submitWhole(String account, String qos, String minutes, String script) throws IOException {
        return slurm.submit(ALICE, "-A", account, "--qos=" + qos, "-n", Integer.toString(cpus), "-t", minutes,
                "--requeue", "--wrap", script);
    }

    @Test
    void aRequeuedPreemptedRunIsChargedForItsTimeAndTheNextRunOnItsOwn() throws IOException {
        account("e2eprerq");
        account("e2epremrq");
        long standby = submitWhole("e2eprerq", REQUEUED_QOS, "10",
                "if [ \"${SLURM_RESTART_COUNT:-0}\" -ge 1 ]; then sleep 3; else sleep 300; fi");
        slurm.awaitState(standby, "RUNNING");
        bank.awaitLiened("e2eprerq", Bank.amount(cpus, 600));
        sleepSeconds(4);

        long premium = submitWhole("e2epremrq", PREMIUM_QOS, "1", "sleep 5");
        slurm.awaitState(premium, "RUNNING");
        await("run 0 of job " + standby + " charged", () -> bank.charged("e2eprerq", standby, 0));
        assertEquals(0, bank.liened("e2eprerq"), "no lien while the preempted job waits: " + bank.runs("e2eprerq",
                standby));
        JsonNode preempted = bank.run("e2eprerq", standby, 0);
        assertEquals("PREEMPTED", preempted.get("end_state").asText(), preempted.toString());
        long ranSeconds = preempted.get("run_s").asLong();
        assertTrue(ranSeconds >= 4 && ranSeconds < 30, preempted.toString());
        assertEquals(Bank.amount(cpus, ranSeconds), preempted.get("charged_micro_su").asLong(), preempted.toString());

        slurm.awaitEnd(premium);
        // Slurm would hold the requeued job back for its credential window; slurmd refuses a launch within the
        // second its last run was revoked, hence the pause (see RunsE2eTest).
        sleepSeconds(2);
        slurm.slurmOk("scontrol", "update", "JobId=" + standby, "StartTime=now");
        await("run 1 of job " + standby, () -> "1".equals(unchecked(() -> slurm.job(standby)).get("Restarts")));
        slurm.awaitEnd(standby);
        await("run 1 of job " + standby + " charged", () -> bank.charged("e2eprerq", standby, 1));
        JsonNode second = bank.run("e2eprerq", standby, 1);
        assertEquals("COMPLETED", second.get("end_state").asText(), second.toString());
        assertTrue(second.get("run_s").asLong() < 30, second.toString());
        assertEquals(Bank.amount(cpus, second.get("run_s").asLong()), second.get("charged_micro_su").asLong(),
                second.toString());
        assertEquals(2, bank.runs("e2eprerq", standby).size(), bank.runs("e2eprerq", standby).toString());
        bank.awaitCharged("e2eprerq", FUNDS - preempted.get("charged_micro_su").asLong()
                - second.get("charged_micro_su").asLong());
        await("premium job charged", () -> bank.charged("e2epremrq", premium, 0));
        bank.assertVerifyClean();
    }

    @Test
    void aCancelledPreemptedRunIsChargedLikeACancel() throws IOException {
        account("e2eprecn");
        account("e2epremcn");
        long scavenger = submitWhole("e2eprecn", CANCELLED_QOS, "10", "sleep 300");
        slurm.awaitState(scavenger, "RUNNING");
        bank.awaitLiened("e2eprecn", Bank.amount(cpus, 600));
        sleepSeconds(4);

        long premium = submitWhole("e2epremcn", PREMIUM_QOS, "1", "sleep 3");
        slurm.awaitEnd(scavenger);
        assertEquals("PREEMPTED", slurm.state(scavenger), "Slurm's end state of the preempted job");
        await("job " + scavenger + " charged", () -> bank.charged("e2eprecn", scavenger, 0));
        JsonNode run = bank.run("e2eprecn", scavenger, 0);
        assertEquals("PREEMPTED", run.get("end_state").asText(), run.toString());
        long ranSeconds = run.get("run_s").asLong();
        assertTrue(ranSeconds >= 4 && ranSeconds < 30, run.toString());
        assertEquals(Bank.amount(cpus, ranSeconds), run.get("charged_micro_su").asLong(), run.toString());
        assertEquals(1, bank.runs("e2eprecn", scavenger).size(), "cancelled, not requeued: " + bank.runs("e2eprecn",
                scavenger));
        bank.awaitCharged("e2eprecn", FUNDS - run.get("charged_micro_su").asLong());
        slurm.awaitEnd(premium);
        await("premium job charged", () -> bank.charged("e2epremcn", premium, 0));
        bank.assertVerifyClean();
    }
}
