package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.allocd.config.PostgresqlLogin;
import org.allocd.ledger.Ledger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database's volume fills up: a PostgreSQL server on a small tmpfs of its own, filled by a file while callers
 * write liens and charges and retry a failed write with its key. Writes fail with store_unavailable, each within
 * the writer's bounds; once the file is removed, writes are acknowledged again with nothing restarted; every
 * acknowledged write is in the database and verify is clean.
 */
class PostgresqlFullDiskTest {
    private static final int CALLERS = 4;
    /** initdb and the empty database take about 41 MiB, a WAL segment of them. */
    private static final String VOLUME_SIZE = "96m";
    private static final int FILL_CHUNK_BYTES = 1 << 20;
    /** Statement timeout and a new connection's timeouts, and 3 s more for a loaded machine. */
    private static final long WRITE_BOUND_MILLIS = PostgresqlDialect.STATEMENT_TIMEOUT_MILLIS
            + PostgresqlDialect.CONNECT_TIMEOUT_SECONDS * 1_000L + 3_000;

    @TempDir
    Path dir;

    @Test
    void aFullVolumeFailsWritesAndTheyResumeOnceSpaceIsFreed() throws Exception {
        TestPostgresql.shared(); // skips or fails as ALLOCD_PG says when PostgreSQL cannot run here
        Assumptions.assumeTrue("0".equals(command("id", "-u").strip()), "mounting a tmpfs needs root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path volume = Files.createDirectory(dir.resolve("volume"));
        command("mount", "-t", "tmpfs", "-o", "size=" + VOLUME_SIZE + ",mode=0755", "allocd-full-disk", volume.toString());
        try {
            Path server = volume.resolve("pg");
            int port = Pgtest.startServer(Map.of(), server, "start", server.toString());
            try {
                PostgresqlLogin login = PostgresqlLogin.read(server.resolve("credentials"));
                StoreLocation.Postgresql location = new StoreLocation.Postgresql(
                        "jdbc:postgresql://127.0.0.1:" + port + "/allocd", login.user(), login.password());
                try (SqlLedgerStore store = SqlLedgerStore.open(location)) {
                    Ledger ledger = new Ledger(store, Clock.systemUTC());
                    RetryingCallers.seed(ledger);
                    RetryingCallers callers = new RetryingCallers(ledger, CALLERS);
                    try (callers) {
                        Thread.sleep(1_000);
                        Path filler = volume.resolve("filler");
                        fill(filler);
                        long failedBefore = callers.failedWrites();
                        long deadline = System.currentTimeMillis() + 30_000;
                        while (callers.failedWrites() == failedBefore) {
                            assertTrue(System.currentTimeMillis() < deadline, "no write failed on the full volume");
                            Thread.sleep(10);
                        }
                        assertTrue(callers.lastFailure().contains("No space left on device"), callers.lastFailure());
                        Thread.sleep(2_000); // full for a while: the callers keep retrying
                        Files.delete(filler);
                        long freedAt = System.currentTimeMillis();
                        System.out.println("== full volume, space freed to first acknowledged write: "
                                + (callers.firstAckAfter(freedAt) - freedAt) + " ms");
                        Thread.sleep(1_000);
                    }
                    assertTrue(callers.longestFailedWriteMillis() <= WRITE_BOUND_MILLIS,
                            "a failed write waited " + callers.longestFailedWriteMillis() + " ms");
                    assertEquals(callers.acknowledgedCount(), callers.storedIn(location),
                            "every acknowledged write is stored");
                    var report = ledger.verify();
                    assertTrue(report.clean(), report.problems()::toString);
                    assertEquals(0, ledger.balance("physics").lienedMicroSu(), "every lien charged");
                }
            } finally {
                Pgtest.stopQuietly(server);
            }
        } finally {
            command("umount", volume.toString());
        }
    }

    /** Writes the file until the volume has no space left. */
    private static void fill(Path filler) throws IOException {
        byte[] chunk = new byte[FILL_CHUNK_BYTES];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
                throw e;
            }
        }
    }

    private static String command(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", args) + ": " + output);
        return output;
    }
}
