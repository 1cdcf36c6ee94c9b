package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.allocd.ledger.LedgerFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.StoreLocation;
import org.allocd.store.TestPostgresql;
import org.junit.jupiter.api.Test;

/**
 * Two daemons, clusters alpha and beta, each with its own store (writer,
 * pools) on one PostgreSQL database, place liens and charge jobs on the same
 * account at once, and each replays some of the other's operations (as a
 * spool replay or a retry through the other daemon would). The account is
 * never overdrawn, no lien or charge is lost or applied twice, and verify is
 * clean from both sides.
 */
class TwoDaemonsTest {
    private static final int CALLERS_PER_DAEMON = 3;
    private static final int JOBS_PER_CALLER = 50;
    private static final long DEPOSIT_MICRO_SU = 300 * SU;
    private static final String ACCOUNT = "shared";

    private record Daemon(String cluster, Ledger ledger) {}

    private final Map<String, Long> liened = new ConcurrentHashMap<>();
    private final Map<String, Long> charged = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    @Test
    void liensAndChargesFromTwoClustersNeverOverdrawLoseOrDouble() throws Exception {
        StoreLocation location = TestPostgresql.shared().freshSchema();
        ExecutorService pool = Executors.newFixedThreadPool(2 * CALLERS_PER_DAEMON + 1);
        try {
            // Both start at once: the schema is migrated once, under the migration lock.
            Future<SqlLedgerStore> openingA = pool.submit(() -> SqlLedgerStore.open(location));
            Future<SqlLedgerStore> openingB = pool.submit(() -> SqlLedgerStore.open(location));
            try (SqlLedgerStore storeA = openingA.get(); SqlLedgerStore storeB = openingB.get()) {
                assertFalse(storeA.database().soleWriter(), "another daemon writes too: no writer caches");
                TestClock clock = new TestClock(T0);
                Daemon alpha = new Daemon("alpha", new Ledger(storeA, clock));
                Daemon beta = new Daemon("beta", new Ledger(storeB, clock));
                alpha.ledger().apply(new Operation.CreateAccount("setup:account", "admin", ACCOUNT, null, "", "", 0));
                beta.ledger().apply(new Operation.AddUser("setup:user", "admin", "alice", 1000, ACCOUNT));
                alpha.ledger().apply(new Operation.Deposit("setup:deposit", "admin", ACCOUNT, DEPOSIT_MICRO_SU, null,
                        null, "grant"));
                runBoth(pool, alpha, beta);
                assertOutcome(alpha, beta);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void runBoth(ExecutorService pool, Daemon alpha, Daemon beta) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Future<Integer> watcher = pool.submit(() -> watchNeverOverdrawn(alpha, beta, running));
        List<Future<?>> callers = new ArrayList<>();
        for (int c = 0; c < CALLERS_PER_DAEMON; c++) {
            int caller = c;
            callers.add(pool.submit(() -> jobs(alpha, beta, caller)));
            callers.add(pool.submit(() -> jobs(beta, alpha, caller)));
        }
        for (Future<?> caller : callers) {
            caller.get();
        }
        running.set(false);
        assertTrue(watcher.get() > 0, "the watcher read balances while both daemons wrote");
        assertTrue(refused.get() > 0, "the account ran short, so the overdraft check was exercised");
        assertTrue(!charged.isEmpty());
    }

    /** One Slurm job after another: lien, then a charge of part of it; some replayed through the other daemon. */
    private Void jobs(Daemon own, Daemon other, int caller) {
        Random random = new Random(own.cluster().hashCode() * 31L + caller);
        for (int j = 0; j < JOBS_PER_CALLER; j++) {
            String jobKey = own.cluster() + "/" + (caller * 1000 + j) + "/0";
            long lien = (1 + random.nextInt(10)) * SU;
            Operation place = new Operation.PlaceLien("lien:" + jobKey, "slurm", jobKey, ACCOUNT, "alice", lien,
                    3600, null);
            try {
                assertEquals(lien, own.ledger().apply(place).amountMicroSu());
            } catch (LedgerException e) {
                assertEquals(Refusal.INSUFFICIENT_FUNDS, e.refusal(), e.getMessage());
                refused.incrementAndGet();
                continue;
            }
            liened.put(jobKey, lien);
            OpResult replayed = other.ledger().apply(place);
            assertTrue(replayed.replayed(), "the other daemon must see the lien as already placed");
            long cost = random.nextInt((int) (lien / 1000) + 1) * 1000L;
            Operation charge = new Operation.ChargeJob("charge:" + jobKey, "slurm", jobKey, null, null, cost, "ended");
            assertEquals(cost, own.ledger().apply(charge).amountMicroSu());
            charged.put(jobKey, cost);
            if (random.nextBoolean()) {
                assertTrue(other.ledger().apply(charge).replayed());
            }
        }
        return null;
    }

    /** Reads the balance through both daemons while they write: available never drops below zero. */
    private static int watchNeverOverdrawn(Daemon alpha, Daemon beta, AtomicBoolean running) {
        int reads = 0;
        while (running.get()) {
            for (Daemon d : List.of(alpha, beta)) {
                Balance b = d.ledger().balance(ACCOUNT);
                assertTrue(b.availableMicroSu() >= 0, () -> "overdrawn as " + d.cluster() + " sees it: " + b);
                assertTrue(b.lienedMicroSu() >= 0, b::toString);
                reads++;
            }
        }
        return reads;
    }

    private void assertOutcome(Daemon alpha, Daemon beta) {
        long chargedTotal = charged.values().stream().mapToLong(Long::longValue).sum();
        for (Daemon d : List.of(alpha, beta)) {
            Balance b = d.ledger().balance(ACCOUNT);
            assertEquals(DEPOSIT_MICRO_SU - chargedTotal, b.balanceMicroSu(), "balance as " + d.cluster() + " sees it");
            assertEquals(0, b.lienedMicroSu(), "every lien resolved");
            VerifyReport report = d.ledger().verify();
            assertTrue(report.clean(), () -> "verify as " + d.cluster() + ": " + report.problems());
        }
        Map<JournalKind, Integer> kinds = new EnumMap<>(JournalKind.class);
        Map<String, Long> chargedInJournal = new ConcurrentHashMap<>();
        alpha.ledger().read(view -> {
            view.forEachJournalEntry(e -> {
                kinds.merge(e.kind(), 1, Integer::sum);
                if (e.kind() == JournalKind.CHARGE) {
                    chargedInJournal.merge(e.jobKey(), -e.amountMicroSu(), Long::sum);
                }
            });
            return null;
        });
        assertEquals(liened.size(), kinds.get(JournalKind.LIEN), "one LIEN entry per lien placed, none doubled");
        charged.forEach((job, cost) -> assertEquals(cost, chargedInJournal.getOrDefault(job, 0L), "charge of " + job));
        assertEquals(charged.values().stream().filter(cost -> cost > 0).count(),
                chargedInJournal.values().stream().filter(cost -> cost != 0).count(),
                "no charge in the journal that no caller was answered for");
        for (Daemon d : List.of(alpha, beta)) {
            assertEquals(new LedgerStats(0, 0, chargedTotal), d.ledger().stats());
        }
    }
}
