package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.HOUR_MILLIS;
import static org.allocd.ledger.LedgerFixture.SU;
import static org.allocd.ledger.LedgerFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The funds check a QUOTE answers from memory (checkFundsInMemory) gives the
 * database's answer or none at all: after every kind of write that moves what
 * it reads, while the writer commits under it, and after a change made to the
 * file behind allocd's back.
 */
class FundsInMemoryTest {
    @TempDir
    Path dir;
    private LedgerFixture f;

    /** A funds check's outcome: its answer, or the refusal it threw. */
    private record Outcome(FundsCheck check, Refusal refusal) {}

    @BeforeEach
    void open() {
        f = new LedgerFixture(dir, TestStore.SQLITE);
        f.account("proj", null);
        f.account("other", null);
        f.user("alice", "proj");
        f.apply(new Operation.AddMembership(f.key(), "admin", "alice", "other", Role.MEMBER, null));
        f.deposit("proj", 10 * SU);
        f.deposit("other", 10 * SU);
    }

    @AfterEach
    void close() {
        f.assertClean();
        f.close();
    }

    private static Optional<Outcome> outcome(Supplier<Optional<FundsCheck>> check) {
        try {
            return check.get().map(c -> new Outcome(c, null));
        } catch (LedgerException e) {
            return Optional.of(new Outcome(null, e.refusal()));
        }
    }

    /** Memory answers as the database does, or not at all; once the database has been read, it answers. */
    private void assertMemoryAgrees(String account, long amountMicroSu) {
        Optional<Outcome> memory = outcome(() -> f.ledger.checkFundsInMemory(account, "alice", amountMicroSu));
        Outcome database = outcome(() -> Optional.of(f.ledger.checkFunds(account, "alice", amountMicroSu)))
                .orElseThrow();
        memory.ifPresent(m -> assertEquals(database, m, "memory's answer for " + account));
        if (database.refusal() == null || database.refusal() == Refusal.ACCOUNT_FROZEN) {
            assertEquals(Optional.of(database), outcome(() -> f.ledger.checkFundsInMemory(account, "alice",
                    amountMicroSu)), "after a database read, memory answers for " + account);
        }
    }

    private void assertAfter(Operation op) {
        for (String account : new String[] {"proj", "other", null}) {
            assertMemoryAgrees(account, 3 * SU); // both remembered before the write
        }
        f.apply(op);
        for (String account : new String[] {"proj", "other", null}) {
            assertMemoryAgrees(account, 3 * SU);
        }
    }

    @Test
    void nothingIsAnsweredBeforeTheDatabaseWasRead() {
        assertEquals(Optional.empty(), f.ledger.checkFundsInMemory("proj", "alice", SU));
        assertEquals(FundsCheck.Verdict.FITS, f.ledger.checkFunds("proj", "alice", SU).verdict());
        assertEquals(f.ledger.checkFunds("proj", "alice", SU),
                f.ledger.checkFundsInMemory("proj", "alice", SU).orElseThrow());
    }

    @Test
    void everyWriteAFundsCheckReadsIsForgotten() {
        assertAfter(new Operation.PlaceLien(f.key(), "slurm", "c/1/0", "proj", "alice", 6 * SU, 3600, null));
        assertAfter(new Operation.AdjustLien(f.key(), "slurm", "c/1/0", 8 * SU, 3600));
        assertAfter(new Operation.ChargeJob(f.key(), "slurm", "c/1/0", null, null, 5 * SU, "end"));
        assertAfter(new Operation.PlaceLien(f.key(), "slurm", "c/2/0", "proj", "alice", 4 * SU, 3600, null));
        assertAfter(new Operation.ReleaseLien(f.key(), "slurm", "c/2/0", "cancelled"));
        assertAfter(new Operation.Refund(f.key(), "admin", "c/1/0", 2 * SU, "fault"));
        assertAfter(new Operation.Deposit(f.key(), "admin", "proj", 20 * SU, null, T0 + HOUR_MILLIS, "short grant"));
        assertAfter(new Operation.Withdraw(f.key(), "admin", "proj", 3 * SU, "back"));
        assertAfter(new Operation.Transfer(f.key(), "admin", "other", "proj", 4 * SU, "share"));
        assertAfter(new Operation.Adjust(f.key(), "admin", "other", -5 * SU, "correction"));
        assertAfter(new Operation.ModifyAccount(f.key(), "admin", "other", null, null, 50 * SU));
        assertAfter(new Operation.SetAccountState(f.key(), "admin", "proj", AccountState.FROZEN));
        assertAfter(new Operation.SetAccountState(f.key(), "admin", "proj", AccountState.ACTIVE));
        assertAfter(new Operation.RemoveMembership(f.key(), "admin", "alice", "other"));
        assertAfter(new Operation.AddMembership(f.key(), "admin", "alice", "other", Role.MEMBER, null));
        assertAfter(new Operation.SetDefaultAccount(f.key(), "admin", "alice", "other"));
        f.clock.advanceMillis(2 * HOUR_MILLIS); // the short grant has ended: by time alone, then by expiry
        assertAfter(new Operation.ExpireAllocations(f.key(), "housekeeping"));
        assertEquals(0, f.balance("proj").lienedMicroSu());
    }

    @Test
    void rowsOfAReadThatAWriteOvertookAreNotKept() {
        f.store.readFunds(view -> {
            Account proj = view.account("proj").orElseThrow(); // the read's snapshot starts here
            f.lien("c/1/0", "proj", "alice", 4 * SU); // commits while the read is open
            User alice = view.user("alice").orElseThrow();
            view.membership(alice.id(), proj.id());
            view.account("proj");
            return view.allocations(proj.id()); // all of it as before the lien
        });
        Optional<FundsCheck> memory = f.ledger.checkFundsInMemory("proj", "alice", SU);
        memory.ifPresent(m -> assertEquals(6 * SU, m.availableMicroSu()));
        assertMemoryAgrees("proj", SU);
    }

    @Test
    void aWriteIsForgottenBeforeItsCallerIsAnswered() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> { // keeps putting rows back from reads that race the writer
            while (!done.get()) {
                f.ledger.checkFunds("proj", "alice", SU);
            }
        });
        reader.start();
        int answered = 0;
        try {
            for (int job = 1; job <= 200; job++) {
                f.lien("c/" + job + "/0", "proj", "alice", SU / 100);
                Optional<FundsCheck> memory = f.ledger.checkFundsInMemory("proj", "alice", SU);
                if (memory.isPresent()) {
                    answered++;
                    assertEquals(10 * SU - job * (SU / 100), memory.get().availableMicroSu(), "after lien " + job);
                }
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertTrue(answered > 0, "memory never answered while the reader ran");
    }

    @Test
    void aChangeBehindAllocdsBackIsSeenWithinASecond() throws Exception {
        assertMemoryAgrees("proj", 3 * SU);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
                Statement statement = other.createStatement()) {
            statement.executeUpdate("UPDATE accounts SET state = 'frozen' WHERE name = 'proj'");
        }
        Thread.sleep(1_100);
        assertFalse(f.ledger.checkFundsInMemory("proj", "alice", 3 * SU).isPresent());
        assertMemoryAgrees("proj", 3 * SU);
        assertEquals(Refusal.ACCOUNT_FROZEN, outcome(() -> f.ledger.checkFundsInMemory("proj", "alice", SU))
                .orElseThrow().refusal());
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
                Statement statement = other.createStatement()) {
            statement.executeUpdate("UPDATE accounts SET state = 'active' WHERE name = 'proj'");
        }
    }
}
