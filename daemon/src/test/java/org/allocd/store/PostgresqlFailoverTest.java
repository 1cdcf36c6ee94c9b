package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.allocd.ledger.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary with a synchronous streaming standby (scripts/pgtest) and allocd on a multi-host URL with
 * targetServerType=primary, writing liens and charges from eight callers that retry a failed write with the same
 * key (as the hooks' spool replay does). The primary is killed (-m immediate) and the standby promoted; then the
 * new primary restarts fast and immediately, and stalls (SIGSTOP) for 10 s. allocd finds the server again by
 * itself each time, a write fails with store_unavailable within the writer's bounds rather than waiting on the
 * stalled server, every acknowledged write is in the database, and verify is clean.
 */
class PostgresqlFailoverTest {
    private static final int CALLERS = 8;
    /** Set in the URL, in place of the writer's default of 10 s, so a 10 s stall is felt. */
    private static final int SOCKET_TIMEOUT_SECONDS = 3;
    /**
     * A write waits for the batch ahead of it (the socket timeout) and its own, which may also need a new
     * connection (connect and login timeouts); 3 s more for a loaded machine.
     */
    private static final long WRITE_BOUND_MILLIS = (SOCKET_TIMEOUT_SECONDS + PostgresqlDialect.CONNECT_TIMEOUT_SECONDS)
            * 1_000L + 3_000;

    @TempDir
    Path dir;

    @Test
    void primaryLostRestartedAndStalledLosesNoAcknowledgedWrite() throws Exception {
        TestPostgresql.shared(); // skips or fails as ALLOCD_PG says when PostgreSQL cannot run here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Pgtest.Replicated servers = Pgtest.Replicated.start(dir, SOCKET_TIMEOUT_SECONDS)) {
            Path primary = servers.primary();
            Path standby = servers.standby();
            StoreLocation.Postgresql location = servers.location();
            try (SqlLedgerStore store = SqlLedgerStore.open(location)) {
                Ledger ledger = new Ledger(store, Clock.systemUTC());
                RetryingCallers.seed(ledger);
                RetryingCallers callers = new RetryingCallers(ledger, CALLERS);
                try (callers) {
                    Thread.sleep(1_500);
                    Pgtest.run("kill", primary.toString());
                    long lostAt = System.currentTimeMillis(); // the primary is surely gone once pg_ctl returns
                    Pgtest.run("promote", standby.toString());
                    long promotedAt = System.currentTimeMillis();
                    long ackedAt = callers.firstAckAfter(lostAt);
                    System.out.println("== primary lost to first acknowledged write on the promoted standby: "
                            + (ackedAt - lostAt) + " ms (promote took " + (promotedAt - lostAt) + " ms)");
                    for (String mode : List.of("fast", "immediate")) {
                        Pgtest.run("restart", standby.toString(), mode);
                        long restartedAt = System.currentTimeMillis();
                        System.out.println("== restart -m " + mode + ", back up to first acknowledged write: "
                                + (callers.firstAckAfter(restartedAt) - restartedAt) + " ms");
                    }
                    long failedBeforeStall = callers.failedWrites();
                    stall(standby, 10_000);
                    assertTrue(callers.failedWrites() > failedBeforeStall, "writes failed while the server stalled");
                    long resumedAt = System.currentTimeMillis();
                    System.out.println("== 10 s stall, resumed to first acknowledged write: "
                            + (callers.firstAckAfter(resumedAt) - resumedAt) + " ms");
                    Thread.sleep(1_000);
                }
                assertTrue(callers.failedWrites() > 0, "the faults were felt by the writer");
                assertTrue(callers.longestFailedWriteMillis() <= WRITE_BOUND_MILLIS,
                        "a failed write waited " + callers.longestFailedWriteMillis() + " ms");
                assertEquals(callers.acknowledgedCount(), callers.storedIn(location), "every acknowledged write is stored");
                var report = ledger.verify();
                assertTrue(report.clean(), report.problems()::toString);
                assertEquals(0, ledger.balance("physics").lienedMicroSu(), "every lien charged");
            }
        }
    }

    /** SIGSTOP to every process of the server (postmaster and backends), SIGCONT after the pause. */
    private static void stall(Path server, long pauseMillis) throws Exception {
        String postmaster = Files.readAllLines(server.resolve("data").resolve("postmaster.pid")).get(0).strip();
        List<String> pids = new ArrayList<>(List.of(postmaster));
        ProcessHandle.of(Long.parseLong(postmaster)).orElseThrow().children()
                .forEach(child -> pids.add(Long.toString(child.pid())));
        signal("-STOP", pids);
        try {
            Thread.sleep(pauseMillis);
        } finally {
            signal("-CONT", pids);
        }
    }

    private static void signal(String signal, List<String> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor());
    }
}
