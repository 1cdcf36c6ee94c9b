package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.allocd.e2e.SlurmTestbed;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * qos mode holds jobs smaller than one unit: with qos_billing_per_unit = 72 and billing weights of one per core
 * (the bed's default: billing = CPUs), a 1-core job bills 1 where weights of 1/72 per core give it no billing at
 * all, and the QOS limit counts what the ledger charges (rounding = exact: 1/72 unit). The job pends as
 * QOSGrpBillingMinutes while the account cannot pay it and starts within 5 s of the deposit that pays it.
 */
@Tag("e2e")
class ShortFundsSmallJobsQosEndToEndTest {
    private static final long LIMIT_S = 3600;
    /** 1 core for 1 h at 72 cores per unit: 1,000,000 / 72 uSU, half-up. */
    private static final long ONE_CORE_HOUR_MICRO_SU = 13_889;

    @Test
    void aOneCoreJobTheAccountCannotPayPendsAndStartsWithinFiveSecondsOfADeposit(@TempDir Path dir)
            throws Exception {
        try (SlurmTestbed bed = SlurmTestbed.started(Bed.DAEMON_TESTS, true);
                AllocdOnTestbed allocd = new AllocdOnTestbed(bed, dir, "qos")) {
            bed.slurmOk("sacctmgr", "-i", "add", "account", "proja");
            bed.slurmOk("sacctmgr", "-i", "add", "user", "root", "account=proja");
            allocd.reconfigure(settings -> settings.set("qos_billing_per_unit", 72)
                    .rates("[partition default]", "rounding = exact"), true);
            allocd.account("proja", "root");
            allocd.deposit("proja", 10_000); // 0.01 SU: 43 billing-minutes, less than the job's 60
            allocd.await("QOS allocd_proja with GrpTRESMins=billing=43", () -> bed.slurmOk("sacctmgr", "-n", "-P",
                    "show", "qos", "allocd_proja", "format=GrpTRESMins").strip().equals("billing=43"));

            long job = allocd.sbatch("-A", "proja", "-n", "1", "-t", "60");
            allocd.await("job " + job + " to pend as QOSGrpBillingMinutes",
                    () -> allocd.stateAndReason(job).equals("PENDING QOSGrpBillingMinutes"));
            assertTrue(allocd.show(job).matches("(?s).*TRES=[^ ]*billing=1\\b.*"), "a 1-core job bills 1: "
                    + allocd.show(job));
            Thread.sleep(3000);
            assertTrue(allocd.stateAndReason(job).equals("PENDING QOSGrpBillingMinutes"), "still pending");

            long depositedNanos = System.nanoTime();
            allocd.deposit("proja", ONE_CORE_HOUR_MICRO_SU - 10_000);
            allocd.await("job " + job + " to start after the deposit",
                    () -> allocd.stateAndReason(job).startsWith("RUNNING"));
            double seconds = (System.nanoTime() - depositedNanos) / 1e9;
            System.out.printf("qos mode, 1-core job: deposit to job start %.2f s%n", seconds);
            assertTrue(seconds <= 5, "started " + seconds + " s after the deposit");
            allocd.lien(job, "root", "proja", LIMIT_S);
            allocd.endAndCharge("root", "proja", LIMIT_S, job);
            allocd.verifyClean();
        }
    }
}
