package org.allocd.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocd.config.PostgresqlLogin;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for the tests, started once per test JVM with
 * scripts/pgtest (initdb in a temporary directory, postgres on 127.0.0.1 on a
 * free port, as the postgres user when the tests run as root) and stopped
 * when the JVM exits, by its shutdown hook or, when the JVM is killed, by
 * scripts/pgtest's watchdog (Pgtest). Every test gets its own empty schema.
 *
 * <p>ALLOCD_PG=required (as .ci/run sets it): a test that needs PostgreSQL
 * fails when the server binaries are missing; unset or auto: it is skipped
 * with the reason; off: always skipped.
 */
public final class TestPostgresql {
    private static TestPostgresql shared;
    private static RuntimeException startFailure;

    private final StoreLocation.Postgresql database;
    private final AtomicInteger schemas = new AtomicInteger();

    private TestPostgresql(StoreLocation.Postgresql database) {
        this.database = database;
    }

    /** The server of this JVM, started at the first call; skips or fails the calling test when it cannot run. */
    public static synchronized TestPostgresql shared() {
        String mode = System.getenv().getOrDefault("ALLOCD_PG", "auto").toLowerCase(Locale.ROOT);
        Assumptions.assumeFalse(mode.equals("off"), "ALLOCD_PG=off: PostgreSQL tests are skipped");
        if (shared == null && startFailure == null) {
            try {
                shared = start(mode.equals("required"));
            } catch (RuntimeException e) {
                startFailure = e;
            }
        }
        if (startFailure != null) {
            throw startFailure;
        }
        return shared;
    }

    /** A new empty schema in the test database: a ledger there starts from nothing. */
    public StoreLocation.Postgresql freshSchema() {
        String schema = "t" + schemas.incrementAndGet();
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("creating schema " + schema + " failed: " + e.getMessage(), e);
        }
        return new StoreLocation.Postgresql(database.jdbcUrl() + "?currentSchema=" + schema, database.user(),
                database.password());
    }

    /** The test database itself (schema public), for tests that need one shared place. */
    public StoreLocation.Postgresql database() {
        return database;
    }

    public static Connection connect(StoreLocation.Postgresql location) throws SQLException {
        return DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
    }

    private static TestPostgresql start(boolean required) {
        try {
            Path dir = Files.createTempDirectory("allocd-pgtest-");
            // scripts/pgtest hands the data directory to the postgres user when run as root: it must reach it.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Pgtest.Started started = Pgtest.startOnFreePort(Map.of(), ProcessHandle.current().pid(), Pgtest::freePort,
                    dir, "start", dir.toString());
            String output = started.outcome().output().strip();
            if (started.outcome().exitCode() == Pgtest.NO_BINARIES) {
                Pgtest.deleteTree(dir);
                if (required) {
                    throw new IllegalStateException("ALLOCD_PG=required but PostgreSQL cannot run here: " + output);
                }
                Assumptions.abort("PostgreSQL tests skipped (set ALLOCD_PG=required to fail instead): " + output);
            }
            if (started.outcome().exitCode() != 0) {
                throw new IllegalStateException("scripts/pgtest start failed (exit " + started.outcome().exitCode()
                        + "):\n" + output);
            }
            // The orderly stop; scripts/pgtest's watchdog stops it too when this JVM is killed before the hooks run.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(dir), "pgtest-stop"));
            String url = Files.readString(dir.resolve("url"), StandardCharsets.UTF_8).strip();
            PostgresqlLogin login = PostgresqlLogin.read(dir.resolve("credentials"));
            return new TestPostgresql(new StoreLocation.Postgresql(url, login.user(), login.password()));
        } catch (IOException e) {
            throw new UncheckedIOException("starting the test PostgreSQL failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the test PostgreSQL", e);
        }
    }

    private static void stop(Path dir) {
        Pgtest.stopQuietly(dir);
        try {
            Pgtest.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("deleting the test PostgreSQL's directory failed: " + e.getMessage());
        }
    }
}
