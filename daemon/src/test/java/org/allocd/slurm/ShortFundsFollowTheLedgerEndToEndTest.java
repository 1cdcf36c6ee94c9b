package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.allocd.e2e.SlurmTestbed;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short funds in hold mode follow every move of the ledger, not just deposits: a withdrawal holds the pending jobs
 * the money no longer covers (proactive hold), an adjustment and a credit-limit raise release them again.
 */
@Tag("e2e")
class ShortFundsFollowTheLedgerEndToEndTest {
    private static final long SU = 1_000_000;

    @Test
    void pendingJobsAreHeldWhenMoneyLeavesAndReleasedWhenItComesBack(@TempDir Path dir) throws Exception {
        try (SlurmTestbed bed = SlurmTestbed.started(Bed.DAEMON_TESTS, false); AllocdOnTestbed allocd = new AllocdOnTestbed(bed, dir, "hold")) {
            allocd.account("projf", "root");
            allocd.deposit("projf", 3 * SU);
            // Three 1-SU jobs (1 unit x 1 h) that pend on their begin time, so they stay pending while the money moves.
            long[] jobs = new long[3];
            for (int i = 0; i < jobs.length; i++) {
                jobs[i] = allocd.sbatch("-A", "projf", "-n", "1", "-t", "60", "--begin=now+3600");
            }
            for (long job : jobs) {
                assertTrue(allocd.stateAndReason(job).startsWith("PENDING BeginTime"), allocd.stateAndReason(job));
            }

            allocd.op("withdraw", "\"account\":\"projf\",\"amount_micro_su\":" + (3 * SU / 2));
            for (long job : new long[] {jobs[1], jobs[2]}) {
                allocd.await("job " + job + " held for money", () -> allocd.stateAndReason(job)
                        .equals("PENDING JobHeldAdmin"));
                assertTrue(allocd.show(job).contains("AdminComment=QOSGrpBillingMinutes: account projf needs 1.000000"
                        + " SU, has 1.500000"), allocd.show(job));
            }
            assertTrue(allocd.stateAndReason(jobs[0]).startsWith("PENDING BeginTime"), "the first still fits");

            allocd.op("adjust", "\"account\":\"projf\",\"amount_micro_su\":" + SU + ",\"note\":\"correction\"");
            allocd.await("job " + jobs[1] + " released by the adjustment",
                    () -> allocd.stateAndReason(jobs[1]).startsWith("PENDING BeginTime"));
            assertTrue(allocd.stateAndReason(jobs[2]).equals("PENDING JobHeldAdmin"), "2.5 SU pay for two, not three");

            allocd.op("modify_account", "\"name\":\"projf\",\"credit_limit_micro_su\":" + SU);
            allocd.await("job " + jobs[2] + " released by the credit limit",
                    () -> allocd.stateAndReason(jobs[2]).startsWith("PENDING BeginTime"));

            bed.slurmOk("scancel", String.valueOf(jobs[0]), String.valueOf(jobs[1]), String.valueOf(jobs[2]));
            allocd.verifyClean();
        }
    }
}
