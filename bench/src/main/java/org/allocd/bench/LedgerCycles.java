package org.allocd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
import org.allocd.rates.RateBook;
import org.allocd.store.Database;
import org.allocd.store.Migrations;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.StoreSettings;

/**
 * The durable ledger, in process: LIEN+CHARGE cycles/s through the Ledger (many
 * concurrent callers, group commit) against a raw JDBC loop doing the same SQL
 * writes with the same pragmas, in the same run, on the same disk.
 *
 * <p>Usage: LedgerCycles DIR SECONDS_PER_PHASE CALLERS. Prints one line per phase
 * and the ratios. Each phase is bounded by time and by a cycle count.
 */
public final class LedgerCycles {
    static final String ACCOUNT = "bench";
    static final String USER = "benchuser";
    static final String CLUSTER = "bench";
    static final long LIEN_GRACE_SECONDS = 300;
    static final long MAX_CYCLES_PER_PHASE = 2_000_000;
    private static final String WRITER_THREAD = "allocd-writer";
    private static final long WARM_UP_SECONDS = 2;

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LedgerCycles DIR SECONDS_PER_PHASE CALLERS");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long seconds = Long.parseLong(args[1]);
        int callers = Integer.parseInt(args[2]);
        Files.createDirectories(dir);

        PhaseResult ledger;
        StoreSettings settings = StoreSettings.defaults(dir.resolve("ledger.db"));
        try (SqlLedgerStore store = new SqlLedgerStore(Database.open(settings, new Migrations(Migrations.LEDGER_LOCATION)))) {
            Ledger l = new Ledger(store, Clock.systemUTC());
            seed(l);
            LedgerPhase phase = new LedgerPhase(new JobAccounting(l, RateBook.open(l, "bench", BenchRates.rates()),
                    () -> LIEN_GRACE_SECONDS, () -> true), callers); // short_funds_mode = hold, the default
            phase.run(WARM_UP_SECONDS); // JIT first, so the figures are of compiled code
            long writerCpu = CpuClock.threadNanos(WRITER_THREAD);
            long processCpu = CpuClock.processNanos();
            ledger = phase.run(seconds);
            writerCpu = CpuClock.threadNanos(WRITER_THREAD) - writerCpu;
            processCpu = CpuClock.processNanos() - processCpu;
            var stats = store.database().writerStats();
            System.out.println("== " + ledger.line("ledger, " + callers + " callers (group commit)"));
            System.out.printf(Locale.ROOT, "==   writer: %d batches, %.1f ops per batch, last commit %.1f ms, max %.1f ms;"
                    + " cpu per cycle: writer thread %.0f us, whole process %.0f us%n", stats.batchesCommitted(),
                    (double) stats.tasksCommitted() / Math.max(1, stats.batchesCommitted()), stats.lastCommitNanos() / 1e6,
                    stats.maxCommitNanos() / 1e6, perCycleMicros(writerCpu, ledger), perCycleMicros(processCpu, ledger));
        }

        Path rawFile = dir.resolve("raw.db");
        try (SqlLedgerStore store = SqlLedgerStore.open(rawFile)) {
            seed(new Ledger(store, Clock.systemUTC())); // same schema and starting rows as the ledger's file
        }
        PhaseResult rawEach;
        PhaseResult rawBatched;
        PhaseResult rawShaped;
        // The ledger's batches hold at most one op per caller: callers/2 cycles.
        int cyclesPerCommit = Math.max(1, callers / 2);
        try (RawLedgerWrites raw = new RawLedgerWrites(rawFile, ACCOUNT, USER)) {
            raw.run(WARM_UP_SECONDS, cyclesPerCommit, MAX_CYCLES_PER_PHASE, true); // JIT, as for the ledger
            rawEach = raw.run(seconds, 1, MAX_CYCLES_PER_PHASE, false);
            System.out.println("== " + rawEach.line("raw JDBC, one commit per cycle"));
            long cpu = CpuClock.processNanos();
            rawBatched = raw.run(seconds, cyclesPerCommit, MAX_CYCLES_PER_PHASE, false);
            cpu = CpuClock.processNanos() - cpu;
            System.out.println("== " + rawBatched.line("raw JDBC, " + cyclesPerCommit + " cycles per commit"));
            System.out.printf(Locale.ROOT, "==   cpu per cycle: %.0f us%n", perCycleMicros(cpu, rawBatched));
            cpu = CpuClock.processNanos();
            rawShaped = raw.run(seconds, cyclesPerCommit, MAX_CYCLES_PER_PHASE, true);
            cpu = CpuClock.processNanos() - cpu;
            System.out.println("== " + rawShaped.line("raw JDBC + ledger's reads, " + cyclesPerCommit + " per commit"));
            System.out.printf(Locale.ROOT, "==   cpu per cycle: %.0f us%n", perCycleMicros(cpu, rawShaped));
        }
        System.out.printf(Locale.ROOT, "== ratio ledger / raw one-commit-per-cycle = %.2f%n",
                ledger.cyclesPerSecond() / rawEach.cyclesPerSecond());
        System.out.printf(Locale.ROOT, "== ratio ledger / raw batched like ours   = %.2f%n",
                ledger.cyclesPerSecond() / rawBatched.cyclesPerSecond());
        System.out.printf(Locale.ROOT, "== ratio ledger / raw + ledger's reads   = %.2f%n",
                ledger.cyclesPerSecond() / rawShaped.cyclesPerSecond());
    }

    private static double perCycleMicros(long cpuNanos, PhaseResult phase) {
        return cpuNanos / 1e3 / Math.max(1, phase.cycles());
    }

    /** One account with a large deposit and one member user, as scripts/bench also sets up in the daemon. */
    static void seed(Ledger ledger) {
        ledger.apply(new Operation.CreateAccount("seed:account", "bench", ACCOUNT, null, "benchmarks", "bench", 0));
        ledger.apply(new Operation.AddUser("seed:user", "bench", USER, null, ACCOUNT));
        ledger.apply(new Operation.Deposit("seed:deposit", "bench", ACCOUNT, MicroSu.MAX_AMOUNT, null, null,
                "benchmark funds"));
    }
}
