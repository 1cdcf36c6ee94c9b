package org.allocd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.allocd.config.PostgresqlLogin;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Ledger;
import org.allocd.rates.RateBook;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.StoreLocation;
import org.allocd.store.WriterStats;

/**
 * LIEN+CHARGE cycles/s through the Ledger on SQLite and on PostgreSQL
 * in the same run, and on PostgreSQL with two daemons (two stores, two
 * clusters) writing the same account at once.
 *
 * <p>Usage: StoreCycles DIR SECONDS_PER_PHASE CALLERS POSTGRESQL_URL CREDENTIALS_FILE
 * (an empty PostgreSQL database; scripts/bench-store starts one with scripts/pgtest).
 */
public final class StoreCycles {
    private static final long WARM_UP_SECONDS = 2;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: StoreCycles DIR SECONDS_PER_PHASE CALLERS POSTGRESQL_URL CREDENTIALS_FILE");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        long seconds = Long.parseLong(args[1]);
        int callers = Integer.parseInt(args[2]);
        PostgresqlLogin login = PostgresqlLogin.read(Path.of(args[4]));
        StoreLocation postgresql = new StoreLocation.Postgresql(args[3], login.user(), login.password());

        PhaseResult sqlite = oneDaemon(new StoreLocation.SqliteFile(dir.resolve("ledger.db")), seconds, callers);
        System.out.println("== " + sqlite.line("SQLite, 1 daemon, " + callers + " callers"));
        PhaseResult pg = oneDaemon(postgresql, seconds, callers);
        System.out.println("== " + pg.line("PostgreSQL, 1 daemon, " + callers + " callers"));
        PhaseResult[] two = twoDaemons(postgresql, seconds, callers / 2);
        System.out.println("== " + two[0].line("PostgreSQL, daemon A of 2, " + callers / 2 + " callers"));
        System.out.println("== " + two[1].line("PostgreSQL, daemon B of 2, " + callers / 2 + " callers"));
        System.out.printf(Locale.ROOT, "== PostgreSQL, 2 daemons together: %.0f cycles/s%n",
                two[0].cyclesPerSecond() + two[1].cyclesPerSecond());
        System.out.printf(Locale.ROOT, "== ratio PostgreSQL / SQLite (1 daemon) = %.2f%n",
                pg.cyclesPerSecond() / sqlite.cyclesPerSecond());
    }

    private static PhaseResult oneDaemon(StoreLocation location, long seconds, int callers) throws Exception {
        try (SqlLedgerStore store = SqlLedgerStore.open(location)) {
            Ledger ledger = new Ledger(store, Clock.systemUTC());
            LedgerCycles.seed(ledger);
            LedgerPhase phase = new LedgerPhase(jobs(ledger), callers);
            phase.run(WARM_UP_SECONDS); // JIT first, so the figures are of compiled code
            WriterStats before = store.database().writerStats();
            PhaseResult result = phase.run(seconds);
            printBatches(location.getClass().getSimpleName(), before, store.database().writerStats());
            return result;
        }
    }

    private static void printBatches(String label, WriterStats before, WriterStats after) {
        long batches = after.batchesCommitted() - before.batchesCommitted();
        long tasks = after.tasksCommitted() - before.tasksCommitted();
        System.out.printf(Locale.ROOT, "==   %s writer: %d batches, %.1f ops per batch, longest COMMIT %.1f ms%n", label,
                batches, (double) tasks / Math.max(1, batches), after.maxCommitNanos() / 1e6);
    }

    /** The seeded account of the one-daemon phase, now written by two stores with their own clusters. */
    private static PhaseResult[] twoDaemons(StoreLocation location, long seconds, int callersEach) throws Exception {
        try (SqlLedgerStore a = SqlLedgerStore.open(location); SqlLedgerStore b = SqlLedgerStore.open(location)) {
            LedgerPhase phaseA = new LedgerPhase(jobs(new Ledger(a, Clock.systemUTC())), callersEach, "bench-a");
            LedgerPhase phaseB = new LedgerPhase(jobs(new Ledger(b, Clock.systemUTC())), callersEach, "bench-b");
            WriterStats beforeA = a.database().writerStats();
            WriterStats beforeB = b.database().writerStats();
            CompletableFuture<PhaseResult> runA = CompletableFuture.supplyAsync(() -> run(phaseA, seconds));
            CompletableFuture<PhaseResult> runB = CompletableFuture.supplyAsync(() -> run(phaseB, seconds));
            PhaseResult[] results = {runA.join(), runB.join()};
            printBatches("daemon A", beforeA, a.database().writerStats());
            printBatches("daemon B", beforeB, b.database().writerStats());
            return results;
        }
    }

    private static PhaseResult run(LedgerPhase phase, long seconds) {
        try {
            return phase.run(seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JobAccounting jobs(Ledger ledger) {
        return new JobAccounting(ledger, RateBook.open(ledger, "bench", BenchRates.rates()),
                () -> LedgerCycles.LIEN_GRACE_SECONDS, () -> true);
    }
}
