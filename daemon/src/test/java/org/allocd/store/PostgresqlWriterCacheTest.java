package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Refusal;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL each daemon's writer keeps the rows LIEN and CHARGE read between its own batches, and starts
 * afresh when another daemon committed in between (the writer_lock row names the last writer). The second
 * daemon's lien and freeze must be seen by the first daemon's very next write.
 */
class PostgresqlWriterCacheTest {
    private static final long SU = MicroSu.PER_SU;
    private int keys;

    @Test
    void anotherDaemonsCommitIsSeenByTheNextWrite() {
        StoreLocation location = TestPostgresql.shared().freshSchema();
        Clock clock = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (SqlLedgerStore storeA = SqlLedgerStore.open(location); SqlLedgerStore storeB = SqlLedgerStore.open(location)) {
            assertFalse(storeA.soleWriter(), "no funds kept in memory outside the writer");
            Ledger a = new Ledger(storeA, clock);
            Ledger b = new Ledger(storeB, clock);
            a.apply(new Operation.CreateAccount(key(), "admin", "physics", null, "", "", 0));
            a.apply(new Operation.AddUser(key(), "admin", "alice", 1000, "physics"));
            a.apply(new Operation.Deposit(key(), "admin", "physics", 10 * SU, null, null, "grant"));
            lien(a, "alpha/1/0", 4 * SU); // A's writer now holds the account, its allocations, the journal's end
            lien(a, "alpha/2/0", 4 * SU); // and keeps them: no other writer came between
            lien(b, "beta/1/0", 2 * SU); // B takes the last 2 SU and appends to the journal
            LedgerException refused = assertThrows(LedgerException.class, () -> lien(a, "alpha/3/0", SU));
            assertEquals(Refusal.INSUFFICIENT_FUNDS, refused.refusal(), refused.getMessage());
            b.apply(new Operation.ChargeJob(key(), "slurm", "beta/1/0", null, null, 0, "ended"));
            lien(a, "alpha/3/0", 2 * SU); // B's release is seen, and A chains onto B's journal lines
            assertEquals(10 * SU, a.balance("physics").lienedMicroSu());
            assertTrue(a.verify().clean(), () -> a.verify().problems().toString());
        }
    }

    /**
     * A job's row and its operation keys are kept too: daemon A read job j as open (a replayed lien), daemon B
     * charged it, and A's next write on j must see the charge.
     */
    @Test
    void anotherDaemonsChargeOfAJobIsSeenByTheNextWrite() {
        StoreLocation location = TestPostgresql.shared().freshSchema();
        Clock clock = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (SqlLedgerStore storeA = SqlLedgerStore.open(location); SqlLedgerStore storeB = SqlLedgerStore.open(location)) {
            Ledger a = new Ledger(storeA, clock);
            Ledger b = new Ledger(storeB, clock);
            seed(a);
            a.submitPriced(pricedLien("alpha/1/0:lien", "alpha/1/0")).join();
            assertTrue(a.submitPriced(pricedLien("alpha/1/0:lien", "alpha/1/0")).join().replayed());
            b.submitPriced(new Operation.ChargeJob("alpha/1/0:charge", "slurm", "alpha/1/0", null, null, SU, "ended"))
                    .join();
            CompletionException again = assertThrows(CompletionException.class,
                    () -> a.submitPriced(pricedLien("alpha/1/0:lien-again", "alpha/1/0")).join());
            assertTrue(again.getCause().getMessage().contains("been charged"), again.getCause().getMessage());
            assertTrue(a.submitPriced(new Operation.ChargeJob("alpha/1/0:charge", "slurm", "alpha/1/0", null, null,
                    SU, "ended")).join().replayed(), "B's charge is a replay for A");
            assertEquals(9 * SU, a.balance("physics").availableMicroSu());
            assertTrue(a.verify().clean(), () -> a.verify().problems().toString());
        }
    }

    /**
     * The jobs and operation keys of writes queued together are read in one go (SqlLedgerStore.writeForJob):
     * in one batch, a lien sent twice is a replay, a lien refused in the middle takes back only itself, and a
     * job's second lien under a new key is refused, as when each reads its own rows.
     */
    @Test
    void writesQueuedTogetherReadTheirJobsAndKeysTogether() throws Exception {
        try (SqlLedgerStore store = SqlLedgerStore.open(TestPostgresql.shared().freshSchema())) {
            Ledger ledger = new Ledger(store, Clock.systemUTC());
            seed(ledger);
            WriterGate gate = new WriterGate();
            CompletableFuture<Void> held = gate.hold(store.database());
            List<CompletableFuture<OpResult>> liens = new ArrayList<>();
            for (int job = 1; job <= 16; job++) {
                liens.add(ledger.submitPriced(pricedLien("alpha/" + job + "/0:lien", "alpha/" + job + "/0")));
            }
            CompletableFuture<OpResult> unknownUser = ledger.submitPriced(new Operation.PlaceLien("alpha/99/0:lien",
                    "slurm", "alpha/99/0", "physics", "nobody", SU, 3600, null));
            CompletableFuture<OpResult> replay = ledger.submitPriced(pricedLien("alpha/1/0:lien", "alpha/1/0"));
            CompletableFuture<OpResult> second = ledger.submitPriced(pricedLien("alpha/2/0:lien-again", "alpha/2/0"));
            gate.open();
            held.join();
            liens.forEach(lien -> assertFalse(lien.join().replayed()));
            assertTrue(replay.join().replayed(), "the same lien twice in one batch");
            assertThrows(CompletionException.class, unknownUser::join);
            CompletionException refused = assertThrows(CompletionException.class, second::join);
            assertTrue(refused.getCause().getMessage().contains("open lien"), refused.getCause().getMessage());
            assertEquals(16 * (SU / 100), ledger.balance("physics").lienedMicroSu());
            assertTrue(ledger.verify().clean(), () -> ledger.verify().problems().toString());
        }
    }

    private void seed(Ledger ledger) {
        ledger.apply(new Operation.CreateAccount(key(), "admin", "physics", null, "", "", 0));
        ledger.apply(new Operation.AddUser(key(), "admin", "alice", 1000, "physics"));
        ledger.apply(new Operation.Deposit(key(), "admin", "physics", 10 * SU, null, null, "grant"));
    }

    private static Operation.PlaceLien pricedLien(String opKey, String job) {
        return new Operation.PlaceLien(opKey, "slurm", job, "physics", "alice", SU / 100, 3600, null);
    }

    private void lien(Ledger ledger, String job, long amountMicroSu) {
        ledger.apply(new Operation.PlaceLien(key(), "slurm", job, "physics", "alice", amountMicroSu, 3600, null));
    }

    private String key() {
        return "k" + ++keys;
    }
}
