package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.allocd.jobs.JobKey;
import org.junit.jupiter.api.Test;

/** How a lien past its expiry reads Slurm's answer about its job. */
class SlurmRecordTest {
    @Test
    void endedWithTimesIsCharged() {
        SlurmRecord r = SlurmRecord.of("COMPLETED", 1_700_000_000, 1_700_000_042);
        assertEquals(SlurmRecord.Kind.ENDED, r.kind());
        assertEquals(42, r.elapsedSeconds());
        // sacct writes "CANCELLED by 0".
        assertEquals(SlurmRecord.Kind.ENDED, SlurmRecord.of("CANCELLED by 0", 10, 20).kind());
    }

    @Test
    void noRunToCharge() {
        assertEquals(SlurmRecord.Kind.NO_RUN, SlurmRecord.of("PENDING", 0, 0).kind());
        assertEquals(SlurmRecord.Kind.NO_RUN, SlurmRecord.of("REQUEUED", 0, 0).kind());
        assertEquals(SlurmRecord.Kind.NO_RUN, SlurmRecord.of("CANCELLED", 0, 1_700_000_000).kind());
        assertEquals(SlurmRecord.Kind.NO_RUN, SlurmRecord.of("FAILED", 30, 20).kind());
    }

    @Test
    void anythingElseStillRuns() {
        for (String state : new String[] {"RUNNING", "SUSPENDED", "COMPLETING", "CONFIGURING", "STOPPED"}) {
            assertEquals(SlurmRecord.Kind.ACTIVE, SlurmRecord.of(state, 10, 0).kind(), state);
        }
    }

    @Test
    void sacctTimes() {
        JobRecords records = new JobRecords(null, null, java.time.ZoneOffset.UTC);
        assertEquals(1_800_000_000, records.epoch("2027-01-15T08:00:00"));
        assertEquals(0, records.epoch("Unknown"));
        assertEquals(0, records.epoch("None"));
    }

    @Test
    void jobKeysReadBack() {
        assertEquals(Optional.of(new JobKey("testcluster", 1234, 2)), JobKey.parse("testcluster/1234/2"));
        assertEquals(Optional.empty(), JobKey.parse("j1"));
        assertEquals(Optional.empty(), JobKey.parse("c/0/0"));
        assertEquals(Optional.empty(), JobKey.parse("c/12/x"));
        assertEquals(Optional.empty(), JobKey.parse("bad name/1/0"));
    }
}
