package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.allocd.e2e.SlurmTestbed;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short funds in hold mode (no slurmdbd): two jobs, money for
 * one; the second waits held with AdminComment QOSGrpBillingMinutes and
 * starts after a deposit through the admin socket.
 */
@Tag("e2e")
class ShortFundsHoldEndToEndTest {
    private static final long LIMIT_S = 3600;

    @Test
    void secondJobWaitsForMoneyAndStartsAfterADeposit(@TempDir Path dir) throws Exception {
        try (SlurmTestbed bed = SlurmTestbed.started(Bed.DAEMON_TESTS, false); AllocdOnTestbed allocd = new AllocdOnTestbed(bed, dir, "hold")) {
            allocd.account("proja", "root");
            allocd.deposit("proja", 1_500_000); // one 1-SU job (1 unit x 1 h) fits, two do not

            assertEquals("accept", allocd.quote("root", "proja", LIMIT_S).get("verdict").asText());
            long first = allocd.sbatch("-A", "proja", "-n", "1", "-t", "60");
            allocd.await("job " + first + " to run", () -> allocd.stateAndReason(first).startsWith("RUNNING"));
            allocd.lien(first, "root", "proja", LIMIT_S);

            // What the job_submit plugin does with a "hold" verdict: submit held, the quote's message as AdminComment.
            ObjectNode quote = allocd.quote("root", "proja", LIMIT_S);
            assertEquals("hold", quote.get("verdict").asText(), quote.toString());
            long second = allocd.sbatch("--hold", "-A", "proja", "-n", "1", "-t", "60");
            bed.slurmOk("scontrol", "update", "jobid=" + second, "admincomment=" + quote.get("message").asText());
            assertTrue(allocd.stateAndReason(second).startsWith("PENDING JobHeld"), allocd.stateAndReason(second));
            assertTrue(allocd.show(second).contains("AdminComment=QOSGrpBillingMinutes: account proja needs 1.000000"
                    + " SU"), allocd.show(second));

            long depositedNanos = System.nanoTime();
            allocd.deposit("proja", 1_000_000);
            allocd.await("job " + second + " to start after the deposit",
                    () -> allocd.stateAndReason(second).startsWith("RUNNING"));
            System.out.printf("hold mode: deposit to job start %.2f s%n", (System.nanoTime() - depositedNanos) / 1e9);
            allocd.lien(second, "root", "proja", LIMIT_S);

            allocd.endAndCharge("root", "proja", LIMIT_S, first, second);
            allocd.verifyClean();
        }
    }
}
