package org.allocd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.allocd.ledger.JobTimes;
import org.junit.jupiter.api.Test;

/** Queued is submit to start, run is start to end; a job still waiting or running counts to now. */
class JobRowTest {
    private static final long NOW = 1_000_000_000L;

    private static JobRow row(JobTimes t, boolean running, String state) {
        return JobRow.of("c/1/0", 1, "alice", "proj", "gpu", "cpu=1,node=1", t, running, state, 0, 0, 0, null, null, NOW);
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
    void unknownTimesStayUnknown() {
        JobRow old = row(JobTimes.NONE, false, "charged");
        assertNull(old.queuedS());
        assertNull(old.runS());
        // A clock step between hosts never gives a negative duration.
        assertEquals(0, row(new JobTimes(NOW, NOW - 5_000, NOW - 1_000), false, "charged").queuedS());
    }
}
