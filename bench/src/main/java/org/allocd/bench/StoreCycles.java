package org.allocd.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.allocd.config.PostgresqlLogin;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.VerifyReport;
import org.allocd.rates.RateBook;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.StoreLocation;
import org.allocd.store.WriterStats;

/**
 * LIEN+CHARGE cycles/s through the Ledger on SQLite, on PostgreSQL, and on PostgreSQL with two daemons (two
 * stores, two clusters) writing the same account at once: the three phases one after the other, ROUNDS times
 * in the same run, so each ratio is taken from neighbouring phases and its spread over the rounds shows the
 * machine's noise. On PostgreSQL it also counts, per cycle, the statements the server ran (pg_stat_statements,
 * when the server preloads it) and the writer's round trips (WriterStats).
 *
 * <p>Usage: StoreCycles DIR SECONDS_PER_PHASE CALLERS ROUNDS POSTGRESQL_URL CREDENTIALS_FILE
 * (an empty PostgreSQL database; scripts/bench-store starts one with scripts/pgtest, whose data directory beside
 * the credentials file names the server's postmaster, so its CPU time per cycle is printed too).
 */
public final class StoreCycles {
    private static final long WARM_UP_SECONDS = 2;

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: StoreCycles DIR SECONDS_PER_PHASE CALLERS ROUNDS POSTGRESQL_URL CREDENTIALS_FILE");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        long seconds = Long.parseLong(args[1]);
        int callers = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        PostgresqlLogin login = PostgresqlLogin.read(Path.of(args[5]));
        StoreLocation.Postgresql postgresql = new StoreLocation.Postgresql(args[4], login.user(), login.password());

        try (SqlLedgerStore sqlite = SqlLedgerStore.open(new StoreLocation.SqliteFile(dir.resolve("ledger.db")));
                SqlLedgerStore pgA = SqlLedgerStore.open(postgresql);
                SqlLedgerStore pgB = SqlLedgerStore.open(postgresql);
                Connection server = DriverManager.getConnection(postgresql.jdbcUrl(), login.user(), login.password())) {
            LedgerPhase onSqlite = seeded(sqlite, callers, LedgerCycles.CLUSTER);
            LedgerPhase onPostgresql = seeded(pgA, callers, LedgerCycles.CLUSTER);
            // The two-daemon phase writes the account seeded above, from two stores with their own clusters.
            LedgerPhase twoA = new LedgerPhase(jobs(new Ledger(pgA, Clock.systemUTC())), callers / 2, "bench-a");
            LedgerPhase twoB = new LedgerPhase(jobs(new Ledger(pgB, Clock.systemUTC())), callers / 2, "bench-b");
            onSqlite.run(WARM_UP_SECONDS); // JIT first, so the figures are of compiled code
            onPostgresql.run(WARM_UP_SECONDS);
            StatementCount statements = StatementCount.on(server);
            long serverPid = postmasterPid(Path.of(args[5]).resolveSibling("data"));

            List<Double> pgOverSqlite = new ArrayList<>();
            List<Double> twoOverOne = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                System.out.println("== round " + round + " of " + rounds);
                long jvmBefore = CpuClock.processNanos();
                PhaseResult lite = onSqlite.run(seconds);
                System.out.println("==   " + lite.line("SQLite, 1 daemon, " + callers + " callers"));
                System.out.printf(Locale.ROOT, "==     CPU per cycle: JVM %d us%n",
                        (CpuClock.processNanos() - jvmBefore) / 1000 / Math.max(1, lite.cycles()));

                WriterStats before = pgA.database().writerStats();
                statements.reset();
                jvmBefore = CpuClock.processNanos();
                long serverBefore = CpuClock.processTreeNanos(serverPid);
                PhaseResult pg = onPostgresql.run(seconds);
                long jvmNanos = CpuClock.processNanos() - jvmBefore;
                long serverNanos = CpuClock.processTreeNanos(serverPid) - serverBefore;
                long ran = statements.count();
                if (round == rounds) {
                    statements.printBusiest(System.out, pg.cycles());
                }
                WriterStats after = pgA.database().writerStats();
                System.out.println("==   " + pg.line("PostgreSQL, 1 daemon, " + callers + " callers"));
                System.out.printf(Locale.ROOT, "==     CPU per cycle: JVM %d us, PostgreSQL server %s%n",
                        jvmNanos / 1000 / Math.max(1, pg.cycles()), serverBefore < 0 ? "unknown"
                                : serverNanos / 1000 / Math.max(1, pg.cycles()) + " us");
                System.out.printf(Locale.ROOT, "==     writer: %.1f ops per batch, %.2f round trips per cycle%s%n",
                        perBatch(before, after), (after.roundTrips() - before.roundTrips()) / (double) pg.cycles(),
                        ran < 0 ? "" : String.format(Locale.ROOT, ", %.2f SELECT/INSERT/UPDATE per cycle on the server",
                                ran / (double) pg.cycles()));

                PhaseResult[] two = together(twoA, twoB, seconds);
                double both = two[0].cyclesPerSecond() + two[1].cyclesPerSecond();
                System.out.println("==   " + two[0].line("PostgreSQL, daemon A of 2, " + callers / 2 + " callers"));
                System.out.println("==   " + two[1].line("PostgreSQL, daemon B of 2, " + callers / 2 + " callers"));
                System.out.printf(Locale.ROOT, "==   PostgreSQL, 2 daemons together: %.0f cycles/s%n", both);
                pgOverSqlite.add(pg.cyclesPerSecond() / lite.cyclesPerSecond());
                twoOverOne.add(both / pg.cyclesPerSecond());
                System.out.printf(Locale.ROOT, "==   round %d: PostgreSQL / SQLite %.2f, 2 daemons / 1 daemon %.2f%n",
                        round, pgOverSqlite.get(round - 1), twoOverOne.get(round - 1));
            }
            System.out.println("== ratio PostgreSQL / SQLite (1 daemon): " + spread(pgOverSqlite));
            System.out.println("== ratio 2 daemons / 1 daemon on PostgreSQL: " + spread(twoOverOne));
            // Written without -ea, where the writer batches most: the figures count only if the books still add up.
            requireClean("SQLite", sqlite);
            requireClean("PostgreSQL", pgA);
        }
    }

    private static void requireClean(String name, SqlLedgerStore store) {
        VerifyReport report = new Ledger(store, Clock.systemUTC()).verify();
        System.out.println("== verify on " + name + ": " + (report.clean() ? "clean" : "NOT clean " + report.problems()));
        if (!report.clean()) {
            throw new IllegalStateException("the ledger on " + name + " does not verify clean");
        }
    }

    /** The server's postmaster, from the first line of its data directory's postmaster.pid (-1: unreadable). */
    private static long postmasterPid(Path dataDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static LedgerPhase seeded(SqlLedgerStore store, int callers, String cluster) {
        Ledger ledger = new Ledger(store, Clock.systemUTC());
        LedgerCycles.seed(ledger);
        return new LedgerPhase(jobs(ledger), callers, cluster);
    }

    private static double perBatch(WriterStats before, WriterStats after) {
        return (after.tasksCommitted() - before.tasksCommitted())
                / (double) Math.max(1, after.batchesCommitted() - before.batchesCommitted());
    }

    private static PhaseResult[] together(LedgerPhase a, LedgerPhase b, long seconds) {
        CompletableFuture<PhaseResult> runA = CompletableFuture.supplyAsync(() -> run(a, seconds));
        CompletableFuture<PhaseResult> runB = CompletableFuture.supplyAsync(() -> run(b, seconds));
        return new PhaseResult[] {runA.join(), runB.join()};
    }

    /** "median M (min A, max B, N rounds)". */
    private static String spread(List<Double> ratios) {
        List<Double> sorted = new ArrayList<>(ratios);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "median %.2f (min %.2f, max %.2f, %d rounds)", median, sorted.get(0),
                sorted.get(n - 1), n);
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

    /** Statements the server ran in this database, from pg_stat_statements; -1 when the server does not keep them. */
    private record StatementCount(Statement statement, boolean kept) {
        static StatementCount on(Connection server) throws SQLException {
            Statement statement = server.createStatement();
            try (ResultSet row = statement.executeQuery(
                    "SELECT count(*) FROM pg_settings WHERE name = 'shared_preload_libraries'"
                            + " AND setting LIKE '%pg_stat_statements%'")) {
                row.next();
                if (row.getLong(1) == 0) {
                    return new StatementCount(statement, false);
                }
            }
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            return new StatementCount(statement, true);
        }

        void reset() throws SQLException {
            if (kept) {
                statement.execute("SELECT pg_stat_statements_reset()");
            }
        }

        /** The statements of the last measured phase, most called first, into the log. */
        void printBusiest(PrintStream out, long cycles) throws SQLException {
            if (!kept) {
                return;
            }
            out.println("statements of this PostgreSQL 1-daemon phase (" + cycles + " cycles), most called first,"
                    + " with the server's mean execution time in us:");
            try (ResultSet rows = statement.executeQuery("SELECT calls, mean_exec_time * 1000,"
                    + " left(regexp_replace(query, '\\s+', ' ', 'g'), 110)"
                    + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " ORDER BY calls DESC LIMIT 25")) {
                while (rows.next()) {
                    out.printf(Locale.ROOT, "%8d %8.1f  %s%n", rows.getLong(1), rows.getDouble(2), rows.getString(3));
                }
            }
        }

        /**
         * The SELECT, INSERT and UPDATE statements since reset, less this count's own query. Not BEGIN, COMMIT or
         * SAVEPOINT: the server does not count those when they come inside a text of several statements.
         */
        long count() throws SQLException {
            if (!kept) {
                return -1;
            }
            try (ResultSet row = statement.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements"
                    + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " AND query ~* '^\\s*(SELECT|INSERT|UPDATE|DELETE)' AND query NOT LIKE '%pg_stat_statements%'")) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
