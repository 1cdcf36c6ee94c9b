package org.allocd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.Operation;

/**
 * LIEN then CHARGE of one job per cycle, from many caller threads at once, each
 * waiting for its answer as a Slurm hook would: the writer batches what is queued.
 */
final class LedgerPhase {
    private static final int SAMPLES_PER_CALLER = 200_000;

    private final Ledger ledger;
    private final int callers;

    LedgerPhase(Ledger ledger, int callers) {
        this.ledger = ledger;
        this.callers = callers;
    }

    PhaseResult run(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long cyclesPerCaller = LedgerCycles.MAX_CYCLES_PER_PHASE / callers;
        AtomicLong cycles = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            Latencies mine = new Latencies(SAMPLES_PER_CALLER);
            latencies.add(mine);
            int caller = c;
            Thread t = new Thread(() -> {
                for (long i = 0; i < cyclesPerCaller && System.nanoTime() < deadline; i++) {
                    String job = "bench/" + caller + "/" + i;
                    try {
                        long t0 = System.nanoTime();
                        ledger.apply(new Operation.PlaceLien(job + ":lien", "slurm", job, LedgerCycles.ACCOUNT,
                                LedgerCycles.USER, LedgerCycles.LIEN_MICRO_SU, 3900, null));
                        long t1 = System.nanoTime();
                        ledger.apply(new Operation.ChargeJob(job + ":charge", "slurm", job, LedgerCycles.ACCOUNT,
                                LedgerCycles.USER, LedgerCycles.CHARGE_MICRO_SU, "elapsed 60 s, exit 0"));
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
