package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.allocd.ledger.LedgerFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's Slurm times and request as reports read them: set by its lien and charge, never lost by a later event. */
class JobTimesTest {
    @Test
    void timesOfTheLienStayAndTheChargeAddsTheEnd(@TempDir Path dir) {
        try (LedgerFixture f = seeded(dir)) {
            f.apply(new Operation.PlaceLien("lien:c1/1", "slurm", "c1/1", "proj", "alice", SU, 3600, "{\"r\":1}",
                    new JobTimes(T0 - 60_000, T0, null)));
            f.apply(new Operation.ChargeJob("charge:c1/1", "slurm", "c1/1", "proj", "alice", SU / 2, "ended",
                    "{\"r\":2}", new JobTimes(null, null, T0 + 1_800_000)));
            JobRecord job = only(f);
            assertEquals(new JobTimes(T0 - 60_000, T0, T0 + 1_800_000), job.times());
            assertEquals("{\"r\":1}", job.request(), "the charge keeps the request its lien recorded");
            f.assertClean();
        }
    }

    @Test
    void aChargeWithoutALienRecordsItsRequestAndAnOldHookNoTimes(@TempDir Path dir) {
        try (LedgerFixture f = seeded(dir)) {
            f.apply(new Operation.ChargeJob("charge:c1/2", "slurm", "c1/2", "proj", "alice", SU, "prolog lost",
                    "{\"r\":3}", new JobTimes(T0, T0, T0 + 3_600_000)));
            assertEquals("{\"r\":3}", only(f).request());
            assertEquals(T0 + 3_600_000, only(f).times().endedAtMillis());
            f.lien("c1/3", "proj", "alice", SU);
            JobRecord old = f.store.read(v -> v.jobPage(null, 0, Long.MAX_VALUE, JobFilter.ALL, null, 10)).stream()
                    .filter(j -> j.job().jobKey().equals("c1/3")).findFirst().orElseThrow();
            assertEquals(JobTimes.NONE, old.times());
            assertNull(old.request());
            f.assertClean();
        }
    }

    private static LedgerFixture seeded(Path dir) {
        LedgerFixture f = new LedgerFixture(dir, TestStore.SQLITE);
        f.account("proj", null);
        f.user("alice", "proj");
        f.apply(new Operation.AddMembership(f.key(), "admin", "alice", "proj", Role.MEMBER, null));
        f.deposit("proj", 10 * SU);
        return f;
    }

    private static JobRecord only(LedgerFixture f) {
        List<JobRecord> jobs = f.store.read(v -> v.jobPage(null, 0, Long.MAX_VALUE, JobFilter.ALL, null, 10));
        assertEquals(1, jobs.size(), jobs.toString());
        return jobs.get(0);
    }
}
