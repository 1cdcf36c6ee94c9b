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
 * A node failure on the multi-node bed (3 nodes, the classes of MultiNodeE2eTest): one node of a running 2-node job
 * dies (every process of it killed); Slurm notices by its SlurmdTimeout (10 s on the bed; the node was DOWN 28-31 s
 * after the kill on 22.05 and 24.11), sets the node DOWN and requeues the job. slurmctld runs the EpilogSlurmctld
 * of that run itself, so the hook sees its end; the job shows as after any requeue there (COMPLETING, no reason),
 * and the hook tells a node failure by the run's nodes (one is down). The run is charged for the time it ran, from
 * its start to the requeue, at its own nodes' rate; the next run, on the nodes left, is liened and charged on its
 * own, at theirs (DEBITALLWC). A job that may not be requeued ends NODE_FAIL, a failed state, which
 * DEBITSUCCESSFULWC does not charge.
 */
@Tag("e2e")
class NodeFailureE2eTest {
    private static final String USER = "e2enodefail";
    private static final long FUNDS = 1000 * 1_000_000L;
    private static final long LIMIT_SECONDS = 120;
    /** SlurmdTimeout of the bed and the ping rounds around it, with room for a loaded machine. */
    private static final long NODE_DOWN_SECONDS = 90;

    @RegisterExtension
    static final E2eBank E2E = E2eBank.on(Bed.NODEFAIL).nodes(3)
            .configure(MultiNodeE2eTest::configureNodeClasses).user(USER);

    private static Bank bank;
    private static SlurmTestbed slurm;

    @BeforeAll
    static void up() {
        bank = E2E.bank();
        slurm = E2E.slurm();
    }

    @Test
    void theRunsANodeFailureEndedAreChargedForTheirTimeAndTheNextRunOnTheNodesLeftOnItsOwn() throws IOException {
        bank.account("e2enf", FUNDS, USER);
        bank.account("e2enf1", FUNDS, USER);
        long submitted = System.currentTimeMillis();
        // The first run outlives the failure; the next one ends soon. The batch script runs on the first node,
        // so the killed second node leaves no process of the job behind.
        long job = slurm.submit(USER, "-A", "e2enf", "-N", "2", "-n", "2", "--requeue", "-t", "2", "--wrap",
                "if [ \"${SLURM_RESTART_COUNT:-0}\" -ge 1 ]; then sleep 3; else sleep 100; fi");
        slurm.awaitState(job, "RUNNING");
        assertEquals("node[1-2]", slurm.job(job).get("NodeList"), "an idle bed gives the job its first nodes");
        // 2 units (cores) on two gpu nodes: 2 x 2.0.
        bank.awaitLiened("e2enf", Bank.amount(4, LIMIT_SECONDS));
        // Beside it, on the node that fails, a job Slurm may not requeue, liened under DEBITSUCCESSFULWC (its charge
        // keeps the rates of its lien): the failure ends it NODE_FAIL, a failed state, so it is free.
        long single;
        bank.chargePolicy("DEBITSUCCESSFULWC");
        try {
            single = slurm.submit(USER, "-A", "e2enf1", "--no-requeue", "-w", "node2", "-n", "1", "-t", "2",
                    "--wrap", "sleep 100");
            slurm.awaitState(single, "RUNNING");
            bank.awaitLiened("e2enf1", Bank.amount(2, LIMIT_SECONDS)); // 1 core on a gpu node: 1 x 2.0
        } finally {
            bank.chargePolicy("DEBITALLWC");
        }
        sleepSeconds(3);

        slurm.killNode("node2");
        await("node2 down and job " + job + " requeued", NODE_DOWN_SECONDS,
                () -> unchecked(() -> slurm.job(job)).get("Restarts").equals("1"));
        long requeueSeen = System.currentTimeMillis();
        await("run 0 charged", () -> bank.charged("e2enf", job, 0));
        JsonNode failed = bank.run("e2enf", job, 0);
        assertEquals("NODE_FAIL", failed.get("end_state").asText(), failed.toString());
        long ranSeconds = failed.get("run_s").asLong();
        // It ran until Slurm gave up on node2: at least the 3 s before the kill and the SlurmdTimeout after it.
        assertTrue(ranSeconds >= 13 && ranSeconds <= (requeueSeen - submitted) / 1000 + 1, failed.toString());
        assertEquals(Bank.amount(4, ranSeconds), failed.get("charged_micro_su").asLong(), failed.toString());
        assertEquals(0, bank.liened("e2enf"), "the failed run's lien ended with its charge");

        slurm.awaitEnd(single);
        assertEquals("NODE_FAIL", slurm.state(single));
        await("job " + single + " charged", () -> bank.charged("e2enf1", single, 0));
        JsonNode ended = bank.run("e2enf1", single, 0);
        assertEquals("NODE_FAIL", ended.get("end_state").asText(), ended.toString());
        assertTrue(ended.get("run_s").asLong() >= 10, ended.toString());
        assertEquals(0, ended.get("charged_micro_su").asLong(), ended.toString());
        bank.awaitCharged("e2enf1", FUNDS);

        // Slurm would start the next run after its requeue delay (2 minutes); a second after the requeue is enough
        // (slurmd refuses a launch credential of the second the last run was revoked in).
        sleepSeconds(2);
        assertEquals(0, slurm.slurm("scontrol", "update", "JobId=" + job, "StartTime=now").exitCode());
        await("run 1 of job " + job, () -> unchecked(() -> "RUNNING".equals(slurm.state(job))));
        assertEquals("node[1,3]", slurm.job(job).get("NodeList"), "the next run on the nodes left");
        // 2 units at the cheaper class of node1 (gpu) and node3 (cpu), the partition's MIN: 2 x 1.0. Its lien only.
        bank.awaitLiened("e2enf", Bank.amount(2, LIMIT_SECONDS));
        slurm.awaitEnd(job);
        await("run 1 charged", () -> bank.charged("e2enf", job, 1));
        JsonNode next = bank.run("e2enf", job, 1);
        assertEquals("COMPLETED", next.get("end_state").asText(), next.toString());
        assertEquals(Bank.amount(2, next.get("run_s").asLong()), next.get("charged_micro_su").asLong(),
                next.toString());
        assertEquals(2, bank.runs("e2enf", job).size(), bank.runs("e2enf", job).toString());
        bank.awaitCharged("e2enf", FUNDS - failed.get("charged_micro_su").asLong()
                - next.get("charged_micro_su").asLong());
        bank.assertVerifyClean();
    }
}
