package org.allocd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.allocd.jobs.JobAccounting;
import org.allocd.jobs.JobKey;

/**
 * LIEN then CHARGE of one job per cycle, from many caller threads at once, each
 * waiting for its answer as a Slurm hook would: the writer batches what is queued.
 * Goes through JobAccounting, as the hook socket does, so the ledger sees the same operations.
 */
final class LedgerPhase {
    private static final int SAMPLES_PER_CALLER = 200_000;

    private final JobAccounting jobs;
    private final int callers;
    private final String cluster;
    private long firstJobId = 1;

    LedgerPhase(JobAccounting jobs, int callers) {
        this(jobs, callers, LedgerCycles.CLUSTER);
    }

    /** Phases that share one store at once need their own cluster: job keys must not meet. */
    LedgerPhase(JobAccounting jobs, int callers, String cluster) {
        this.jobs = jobs;
        this.callers = callers;
        this.cluster = cluster;
    }

    PhaseResult run(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long base = firstJobId;
        long end = base + LedgerCycles.MAX_CYCLES_PER_PHASE;
        // One counter for all callers, as slurmctld numbers jobs: jobs running at once have neighbouring ids.
        AtomicLong nextJobId = new AtomicLong(base);
        firstJobId += LedgerCycles.MAX_CYCLES_PER_PHASE; // a later run of this phase uses new job ids
        AtomicLong cycles = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            Latencies mine = new Latencies(SAMPLES_PER_CALLER);
            latencies.add(mine);
            Thread t = new Thread(() -> {
                for (long id = nextJobId.getAndIncrement(); id < end && System.nanoTime() < deadline;
                        id = nextJobId.getAndIncrement()) {
                    JobKey job = new JobKey(cluster, id, 0);
                    try {
                        long t0 = System.nanoTime();
                        jobs.lien(job, LedgerCycles.USER, LedgerCycles.ACCOUNT, BenchRates.PLAIN_JOB).join();
                        long t1 = System.nanoTime();
                        jobs.charge(job, LedgerCycles.USER, LedgerCycles.ACCOUNT, BenchRates.PLAIN_JOB,
                                BenchRates.PLAIN_USAGE, "elapsed 60 s, exit 0").join();
                        long t2 = System.nanoTime();
                        mine.add(t1 - t0);
                        mine.add(t2 - t1);
                        cycles.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }, "bench-caller-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return new PhaseResult(cycles.get(), failures.get(), System.nanoTime() - start, Latencies.merge(latencies));
    }
}
