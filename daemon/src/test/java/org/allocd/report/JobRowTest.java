package org.allocd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.allocd.ledger.JobArray;
import org.allocd.ledger.JobTimes;
import org.allocd.slurm.PendingJob;
import org.junit.jupiter.api.Test;

/** Queued is submit to start, run is start to end; a job still waiting or running counts to now. */
class JobRowTest {
    private static final long NOW = 1_000_000_000L;

    private static JobRow row(JobTimes t, boolean running, String state) {
        return JobRow.of("c/1/0", 1, "1", "alice", "proj", "gpu", "cpu=1,node=1", t, running, state, null, 0, 0, 0, null, null, NOW);
    }

    @Test
    void endedJob() {
        JobRow r = row(new JobTimes(NOW - 100_000, NOW - 70_500, NOW - 10_000), false, "charged");
        assertEquals(29, r.queuedS());
        assertEquals(60, r.runS());
    }

    @Test
    void runningAndPendingJobsCountToNow() {
        assertEquals(50, row(new JobTimes(NOW - 60_000, NOW - 50_000, null), true, "open").runS());
        JobRow pending = row(new JobTimes(NOW - 7_000, null, null), false, "pending");
        assertEquals(7, pending.queuedS());
        assertNull(pending.runS());
    }

    @Test
    void pendingJobsSayWhyTheyWait() {
        JobRow held = JobRow.pending(new PendingJob(7, (NOW - 9_000) / 1000, "alice", "proj", 0, "JobHeldAdmin",
                "QOSGrpBillingMinutes: account proj needs 0.033333 SU, has 0.016667", null), "c", "proj", NOW);
        assertEquals("c/7", held.job());
        assertEquals("pending", held.state());
        assertEquals("QOSGrpBillingMinutes: account proj needs 0.033333 SU, has 0.016667", held.reason());
        assertEquals(33_333, held.quoteMicroSu());
        assertEquals(9, held.queuedS());
        JobRow qos = JobRow.pending(new PendingJob(8, NOW / 1000, "bob", "proj", 100, "QOSGrpBillingMinutes", "", null),
                "c", "proj", NOW);
        assertEquals("QOSGrpBillingMinutes", qos.reason());
        assertNull(qos.quoteMicroSu());
        assertNull(qos.partition());
        JobRow array = JobRow.pending(new PendingJob(31, NOW / 1000, "bob", "proj", 0, "JobHeldUser", "",
                JobArray.unsplit(31, "1-5")), "c", "proj", NOW);
        assertEquals("31_[1-5]", array.slurmId(), "as squeue shows the elements not split off yet");
        // A note of another tool is not allocd's: Slurm's reason stands.
        assertEquals("Priority", JobRow.pending(new PendingJob(9, NOW / 1000, "bob", "proj", 0, "Priority",
                "maintenance", null), "c", "proj", NOW).reason());
    }

    @Test
    void unknownTimesStayUnknown() {
        JobRow old = row(JobTimes.NONE, false, "charged");
        assertNull(old.queuedS());
        assertNull(old.runS());
        // A clock step between hosts never gives a negative duration.
        assertEquals(0, row(new JobTimes(NOW, NOW - 5_000, NOW - 1_000), false, "charged").queuedS());
    }
}
