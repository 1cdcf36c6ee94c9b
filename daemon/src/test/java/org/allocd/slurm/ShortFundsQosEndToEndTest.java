package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.allocd.e2e.SlurmTestbed;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short funds in qos mode (slurmdbd): two jobs, money for one;
 * Slurm itself keeps the second pending as QOSGrpBillingMinutes through the
 * account's allocd QOS, and starts it once a deposit raises the limit.
 */
@Tag("e2e")
class ShortFundsQosEndToEndTest {
    private static final long LIMIT_S = 3600;

    @Test
    void secondJobPendsOnTheQosLimitAndStartsAfterADeposit(@TempDir Path dir) throws Exception {
        try (SlurmTestbed bed = SlurmTestbed.started(Bed.DAEMON_TESTS, true); AllocdOnTestbed allocd = new AllocdOnTestbed(bed, dir, "qos")) {
            bed.slurmOk("sacctmgr", "-i", "add", "account", "proja");
            bed.slurmOk("sacctmgr", "-i", "add", "user", "root", "account=proja");
            allocd.account("proja", "root");
            allocd.deposit("proja", 1_500_000); // 90 billing-minutes: one 1-CPU 60-minute job fits, two do not
            allocd.await("QOS allocd_proja with GrpTRESMins=billing=90", () -> bed.slurmOk("sacctmgr", "-n", "-P",
                    "show", "qos", "allocd_proja", "format=GrpTRESMins").strip().equals("billing=90"));
            // Money leaving lowers the limit (a proactive block), money coming back raises it: any move, not just deposits.
            allocd.op("withdraw", "\"account\":\"proja\",\"amount_micro_su\":1000000");
            allocd.await("GrpTRESMins=billing=30 after the withdrawal", () -> bed.slurmOk("sacctmgr", "-n", "-P",
                    "show", "qos", "allocd_proja", "format=GrpTRESMins").strip().equals("billing=30"));
            allocd.op("adjust", "\"account\":\"proja\",\"amount_micro_su\":1000000,\"note\":\"undo\"");
            allocd.await("GrpTRESMins=billing=90 after the adjustment", () -> bed.slurmOk("sacctmgr", "-n", "-P",
                    "show", "qos", "allocd_proja", "format=GrpTRESMins").strip().equals("billing=90"));

            long first = allocd.sbatch("-A", "proja", "-n", "1", "-t", "60");
            allocd.await("job " + first + " to run", () -> allocd.stateAndReason(first).startsWith("RUNNING"));
            allocd.lien(first, "root", "proja", LIMIT_S);

            long second = allocd.sbatch("-A", "proja", "-n", "1", "-t", "60");
            allocd.await("job " + second + " to pend as QOSGrpBillingMinutes",
                    () -> allocd.stateAndReason(second).equals("PENDING QOSGrpBillingMinutes"));
            assertTrue(allocd.show(second).contains("QOS=allocd_proja"), allocd.show(second));

            long depositedNanos = System.nanoTime();
            allocd.deposit("proja", 1_000_000);
            allocd.await("job " + second + " to start after the deposit",
                    () -> allocd.stateAndReason(second).startsWith("RUNNING"));
            System.out.printf("qos mode: deposit to job start %.2f s%n", (System.nanoTime() - depositedNanos) / 1e9);
            allocd.lien(second, "root", "proja", LIMIT_S);

            allocd.endAndCharge("root", "proja", LIMIT_S, first, second);
            allocd.verifyClean();
        }
    }
}
