package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.concurrent.atomic.AtomicReference;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;

/**
 * Callers that run jobs one after another through a ledger, lien then charge of 1 SU each on account physics for
 * user alice, and send a write that failed again with its key until it is stored (as the hooks' spool replay
 * does), while a test breaks the database under them. What they saw is kept for the test's asserts.
 */
final class RetryingCallers implements AutoCloseable {
    private static final long SU = MicroSu.PER_SU;
    private static final long RETRY_PAUSE_MILLIS = 100;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastAckMillis = new AtomicLong();
    private final AtomicLong longestFailedWriteMillis = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>("");
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final List<Future<?>> callers = new ArrayList<>();

    RetryingCallers(Ledger ledger, int count) {
        threads = Executors.newFixedThreadPool(count);
        for (int c = 0; c < count; c++) {
            int caller = c;
            callers.add(threads.submit(() -> jobs(ledger, caller)));
        }
    }

    /** Sets up account physics with 1,000,000 SU and its user alice. */
    static void seed(Ledger ledger) {
        ledger.apply(new Operation.CreateAccount("setup:account", "admin", "physics", null, "", "", 0));
        ledger.apply(new Operation.AddUser("setup:user", "admin", "alice", 1000, "physics"));
        ledger.apply(new Operation.Deposit("setup:deposit", "admin", "physics", 1_000_000 * SU, null, null, "grant"));
    }

    long failedWrites() {
        return failedWrites.get();
    }

    /** The message of the last failed write, "" before any. */
    String lastFailure() {
        return lastFailure.get();
    }

    long longestFailedWriteMillis() {
        return longestFailedWriteMillis.get();
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** When the first write acknowledged after sinceMillis was; fails the test after 60 s without one. */
    long firstAckAfter(long sinceMillis) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (lastAckMillis.get() <= sinceMillis) {
            assertTrue(System.currentTimeMillis() < deadline, "no write acknowledged within 60 s of the fault");
            sleep(5);
        }
        return lastAckMillis.get();
    }

    /** How many of the acknowledged operations the database holds. */
    long storedIn(StoreLocation.Postgresql location) throws SQLException {
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

    /** Stops the callers once their current job is stored. */
    @Override
    public void close() throws Exception {
        running.set(false);
        try {
            for (Future<?> caller : callers) {
                caller.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private Void jobs(Ledger ledger, int caller) {
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
                lastFailure.set(String.valueOf(e.getMessage()));
                failedWrites.incrementAndGet();
                longestFailedWriteMillis.accumulateAndGet(System.currentTimeMillis() - startMillis, Math::max);
                sleep(RETRY_PAUSE_MILLIS);
            }
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
