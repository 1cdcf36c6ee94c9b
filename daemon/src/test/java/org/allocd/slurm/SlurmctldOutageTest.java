package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.allocd.e2e.SlurmTestbed;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slurmctld stopped, and slurmctld frozen (SIGSTOP), on the real bed while a job waits held for money:
 * allocd answers QUOTE, LIEN and CHARGE within the hooks' bound, says once that Slurm cannot be reached,
 * and when slurmctld is back releases the job by itself (the next sweep) and says so.
 */
@Tag("e2e")
class SlurmctldOutageTest {
    private static final long LIMIT_S = 3600;
    private static final long RUNNING_ELSEWHERE = 800_001;

    @Test
    void slurmctldStopped(@TempDir Path dir) throws Exception {
        outage(dir, bed -> bed.command("stop"), bed -> bed.command("start"));
    }

    @Test
    void slurmctldFrozen(@TempDir Path dir) throws Exception {
        outage(dir, bed -> signal(bed, "STOP"), bed -> signal(bed, "CONT"));
    }

    private interface BedChange {
        void apply(SlurmTestbed bed) throws Exception;
    }

    private static void signal(SlurmTestbed bed, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(bed.pid("slurmctld"))).inheritIO()
                .start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " slurmctld");
    }

    private static void outage(Path dir, BedChange fault, BedChange repair) throws Exception {
        try (SlurmTestbed bed = SlurmTestbed.started(Bed.DAEMON_TESTS, false); ShimLog log = new ShimLog();
                AllocdOnTestbed allocd = new AllocdOnTestbed(bed, bed.buildShim(dir), Optional.of(bed.slurmConf),
                        dir, "hold", 2000)) {
            allocd.account("proja", "root");
            allocd.deposit("proja", 1_500_000);
            allocd.lien(RUNNING_ELSEWHERE, "root", "proja", LIMIT_S); // 1 SU of it taken by a job running already

            // What the job_submit plugin does with a "hold" verdict: submit held, the quote's message as AdminComment.
            ObjectNode quote = allocd.quote("root", "proja", LIMIT_S);
            assertEquals("hold", quote.get("verdict").asText(), quote.toString());
            long held = allocd.sbatch("--hold", "-A", "proja", "-n", "1", "-t", "60");
            bed.slurmOk("scontrol", "update", "jobid=" + held, "admincomment=" + quote.get("message").asText());

            boolean repaired = false;
            fault.apply(bed);
            try {
                allocd.deposit("proja", 1_000_000); // enough now: short funds tries to release the job
                allocd.await("the line saying Slurm cannot be reached", () -> !log.lines(ShimLog.DOWN).isEmpty());
                HookBound.answers(allocd, 900_001);
                Thread.sleep(SlurmShim.RESTART_GAP_MILLIS + 1_000);
                allocd.deposit("proja", 1); // another round while Slurm is away: no second line
                Thread.sleep(3_000);
                List<String> down = log.lines(ShimLog.DOWN);
                assertEquals(1, down.size(), "one line per outage: " + down);
                assertTrue(log.lines(ShimLog.UP).isEmpty(), "Slurm is still away: " + log.lines(ShimLog.UP));
                repair.apply(bed);
                repaired = true;
            } finally {
                if (!repaired) {
                    repair.apply(bed);
                }
            }

            // Nothing pokes allocd: the periodic sweep (30 s) finds the job and releases it.
            allocd.await("job " + held + " to run after slurmctld is back",
                    () -> allocd.stateAndReason(held).startsWith("RUNNING"));
            assertEquals(1, log.lines(ShimLog.UP).size(), "one line when Slurm answers again");
            allocd.lien(held, "root", "proja", LIMIT_S);
            allocd.endAndCharge("root", "proja", LIMIT_S, held);
            allocd.charge(RUNNING_ELSEWHERE, "root", "proja", LIMIT_S, 600);
            allocd.verifyClean();
        }
    }
}
