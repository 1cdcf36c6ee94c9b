package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.allocd.config.PostgresqlLogin;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
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
    private static final Path SCRIPT = Path.of("..", "scripts", "pgtest");
    private static final long SU = MicroSu.PER_SU;
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

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastAckMillis = new AtomicLong();
    private final AtomicLong longestFailedWriteMillis = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();

    @Test
    void primaryLostRestartedAndStalledLosesNoAcknowledgedWrite() throws Exception {
        TestPostgresql.shared(); // skips or fails as ALLOCD_PG says when PostgreSQL cannot run here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path primary = dir.resolve("primary");
        Path standby = dir.resolve("standby");
        int primaryPort = freePort();
        int standbyPort = freePort();
        pgtest(List.of("start", primary.toString(), Integer.toString(primaryPort)), true);
        try {
            pgtest(List.of("standby", standby.toString(), primary.toString(), Integer.toString(standbyPort)), false);
            PostgresqlLogin login = PostgresqlLogin.read(primary.resolve("credentials"));
            StoreLocation.Postgresql location = new StoreLocation.Postgresql("jdbc:postgresql://127.0.0.1:"
                    + primaryPort + ",127.0.0.1:" + standbyPort + "/allocd?targetServerType=primary&socketTimeout=" + SOCKET_TIMEOUT_SECONDS, login.user(),
                    login.password());
            try (SqlLedgerStore store = SqlLedgerStore.open(location)) {
                Ledger ledger = new Ledger(store, Clock.systemUTC());
                ledger.apply(new Operation.CreateAccount("setup:account", "admin", "physics", null, "", "", 0));
                ledger.apply(new Operation.AddUser("setup:user", "admin", "alice", 1000, "physics"));
                ledger.apply(new Operation.Deposit("setup:deposit", "admin", "physics", 1_000_000 * SU, null, null,
                        "grant"));
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
                List<Future<?>> threads = new ArrayList<>();
                for (int c = 0; c < CALLERS; c++) {
                    int caller = c;
                    threads.add(callers.submit(() -> jobs(ledger, caller, running)));
                }
                try {
                    Thread.sleep(1_500);
                    pgtest(List.of("kill", primary.toString()), false);
                    long lostAt = System.currentTimeMillis(); // the primary is surely gone once pg_ctl returns
                    pgtest(List.of("promote", standby.toString()), false);
                    long promotedAt = System.currentTimeMillis();
                    long ackedAt = firstAckAfter(lostAt);
                    System.out.println("== primary lost to first acknowledged write on the promoted standby: "
                            + (ackedAt - lostAt) + " ms (promote took " + (promotedAt - lostAt) + " ms)");
                    for (String mode : List.of("fast", "immediate")) {
                        pgtest(List.of("restart", standby.toString(), mode), false);
                        long restartedAt = System.currentTimeMillis();
                        System.out.println("== restart -m " + mode + ", back up to first acknowledged write: "
                                + (firstAckAfter(restartedAt) - restartedAt) + " ms");
                    }
                    long failedBeforeStall = failedWrites.get();
                    stall(standby, 10_000);
                    assertTrue(failedWrites.get() > failedBeforeStall, "writes failed while the server stalled");
                    long resumedAt = System.currentTimeMillis();
                    System.out.println("== 10 s stall, resumed to first acknowledged write: "
                            + (firstAckAfter(resumedAt) - resumedAt) + " ms");
                    Thread.sleep(1_000);
                } finally {
                    running.set(false);
                    for (Future<?> thread : threads) {
                        thread.get(60, TimeUnit.SECONDS);
                    }
                    callers.shutdownNow();
                }
                assertTrue(failedWrites.get() > 0, "the faults were felt by the writer");
                assertTrue(longestFailedWriteMillis.get() <= WRITE_BOUND_MILLIS,
                        "a failed write waited " + longestFailedWriteMillis.get() + " ms");
                assertEquals(acknowledged.size(), storedOperations(location), "every acknowledged write is stored");
                var report = ledger.verify();
                assertTrue(report.clean(), report.problems()::toString);
                assertEquals(0, ledger.balance("physics").lienedMicroSu(), "every lien charged");
            }
        } finally {
            pgtestQuietly("stop", standby);
            pgtestQuietly("stop", primary);
        }
    }

    /** Jobs one after another: lien, then charge; a write that fails is sent again with its key until stored. */
    private Void jobs(Ledger ledger, int caller, AtomicBoolean running) {
        for (int job = 0; running.get(); job++) {
            String jobKey = "c/" + (caller * 1_000_000 + job) + "/0";
            until(ledger, new Operation.PlaceLien("lien:" + jobKey, "slurm", jobKey, "physics", "alice", SU, 3600,
                    null));
            until(ledger, new Operation.ChargeJob("charge:" + jobKey, "slurm", jobKey, null, null, SU / 2, "ended"));
        }
        return null;
    }

    private void until(Ledger ledger, Operation op) {
        while (true) {
            long startMillis = System.currentTimeMillis();
            try {
                ledger.apply(op);
                acknowledged.add(op.opKey());
                lastAckMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
                return;
            } catch (StoreUnavailableException | StoreBusyException e) {
                failedWrites.incrementAndGet();
                longestFailedWriteMillis.accumulateAndGet(System.currentTimeMillis() - startMillis, Math::max);
                sleep(100);
            }
        }
    }

    private long firstAckAfter(long sinceMillis) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (lastAckMillis.get() <= sinceMillis) {
            assertTrue(System.currentTimeMillis() < deadline, "no write acknowledged within 60 s of the fault");
            sleep(5);
        }
        return lastAckMillis.get();
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

    private long storedOperations(StoreLocation.Postgresql location) throws Exception {
        try (Connection c = TestPostgresql.connect(location);
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM operations WHERE op_key = ANY(?)")) {
            Array keys = c.createArrayOf("text", acknowledged.toArray());
            count.setArray(1, keys);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void pgtest(List<String> args, boolean replication) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (replication) {
            builder.environment().put("PGTEST_REPLICATION", "on");
        }
        builder.environment().put("PGTEST_FSYNC", "off"); // PGTEST_REPLICATION keeps synchronous_commit on
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "scripts/pgtest " + args + " took over 120 s");
        assertEquals(0, process.exitValue(), "scripts/pgtest " + args + ":\n" + output);
    }

    private static void pgtestQuietly(String command, Path server) {
        try {
            if (Files.exists(server.resolve("data").resolve("postmaster.pid"))) {
                pgtest(List.of(command, server.toString()), false);
            }
        } catch (Exception | AssertionError e) {
            System.err.println("scripts/pgtest " + command + " " + server + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
