package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import org.allocd.ledger.Account;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Refusal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's cache never gets ahead of the database: not after a write that
 * fails, and not after another connection commits to the file. (With -ea, as
 * in every test run, each cached row is also checked against its table.)
 */
class WriterCacheTest {
    private static final long SU = MicroSu.PER_SU;

    @TempDir
    Path dir;
    private SqlLedgerStore store;
    private Ledger ledger;
    private int keys;

    @BeforeEach
    void open() {
        store = SqlLedgerStore.open(dir.resolve("ledger.db"));
        ledger = new Ledger(store, Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));
        ledger.apply(new Operation.CreateAccount(key(), "admin", "physics", null, "", "", 0));
        ledger.apply(new Operation.AddUser(key(), "admin", "alice", 1000, "physics"));
        ledger.apply(new Operation.Deposit(key(), "admin", "physics", 100 * SU, null, null, "grant"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String key() {
        return "k" + ++keys;
    }

    private void lien(String job, long amountMicroSu) {
        ledger.apply(new Operation.PlaceLien(key(), "slurm", job, "physics", "alice", amountMicroSu, 3600, null));
    }

    @Test
    void sqliteStoreIsTheSoleWriter() {
        assertTrue(store.soleWriter());
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        lien("c/1/0", SU); // the account, its allocations and the journal's last line are now cached
        CompletionException failed = assertThrows(CompletionException.class, () -> store.write(tx -> {
            Account physics = tx.account("physics").orElseThrow();
            tx.addToAccount(physics.id(), 5 * SU, 7 * SU);
            tx.addToAllocation(tx.allocations(physics.id()).get(0).id(), 5 * SU);
            JournalEntry last = tx.lastJournalEntry().orElseThrow();
            tx.appendJournal(new JournalEntry(last.id() + 1, last.atMillis(), JournalKind.ADMIN, physics.id(), null,
                    null, null, 0, "test", "rolled back", "test:rollback", last.hash(), "not-a-hash"));
            throw new IllegalStateException("the task fails after its writes");
        }).join());
        assertEquals("the task fails after its writes", failed.getCause().getMessage());

        Account stored = store.read(view -> view.account("physics").orElseThrow());
        Account cached = store.write(tx -> tx.account("physics").orElseThrow()).join();
        assertEquals(stored, cached);
        assertEquals(SU, cached.lienedMicroSu());
        lien("c/2/0", SU); // chains onto the journal's real last line, not the rolled-back one
        assertEquals(2 * SU, ledger.balance("physics").lienedMicroSu());
        assertTrue(ledger.verify().clean(), () -> ledger.verify().problems().toString());
    }

    @Test
    void anotherConnectionsCommitIsSeenByTheNextWrite() throws Exception {
        lien("c/1/0", SU);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ledger.db"));
                Statement statement = other.createStatement()) {
            statement.executeUpdate("UPDATE accounts SET state = 'frozen' WHERE name = 'physics'");
        }
        LedgerException refused = assertThrows(LedgerException.class, () -> lien("c/2/0", SU));
        assertEquals(Refusal.ACCOUNT_FROZEN, refused.refusal());
    }
}
