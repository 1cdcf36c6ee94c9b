package org.allocd.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.allocd.fallback.FallbackAccounts;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.StoreLocation;
import org.allocd.store.TestStore;

/** A ledger on a real store (a SQLite file, or a schema on the test PostgreSQL), with short helpers that name each operation. */
public final class LedgerFixture implements AutoCloseable {
    public static final long SU = MicroSu.PER_SU;
    public static final long T0 = 1_800_000_000_000L;
    public static final long HOUR_MILLIS = 3_600_000L;

    public final TestClock clock = new TestClock(T0);
    public final TestStore kind;
    public final StoreLocation location;
    public final LedgerStore store;
    public final Ledger ledger;
    private final AtomicLong keys = new AtomicLong();

    public LedgerFixture(Path dir, TestStore kind) {
        this.kind = kind;
        location = kind.fresh(dir);
        store = SqlLedgerStore.open(location);
        ledger = new Ledger(store, clock, new FallbackAccounts());
    }

    public String key() {
        return "k" + keys.incrementAndGet();
    }

    public OpResult apply(Operation op) {
        return ledger.apply(op);
    }

    public void account(String name, String parent) {
        apply(new Operation.CreateAccount(key(), "admin", name, parent, "", "", 0));
    }

    public void user(String name, String defaultAccount) {
        apply(new Operation.AddUser(key(), "admin", name, 1000, defaultAccount));
    }

    public void deposit(String account, long amountMicroSu) {
        apply(new Operation.Deposit(key(), "admin", account, amountMicroSu, null, null, "grant"));
    }

    public OpResult lien(String job, String account, String user, long amountMicroSu) {
        return apply(new Operation.PlaceLien("lien:" + job, "slurm", job, account, user, amountMicroSu, 2 * 3600, null));
    }

    public OpResult charge(String job, long amountMicroSu) {
        return apply(new Operation.ChargeJob("charge:" + job, "slurm", job, null, null, amountMicroSu, "job ended"));
    }

    public Balance balance(String account) {
        return ledger.balance(account);
    }

    public long journalSize() {
        return store.read(v -> v.lastJournalEntry().map(JournalEntry::id).orElse(0L));
    }

    /** Asserts the op is refused with this reason and that the journal did not move. */
    public LedgerException refused(Refusal reason, Operation op) {
        long before = journalSize();
        try {
            apply(op);
        } catch (LedgerException e) {
            assertEquals(reason, e.refusal(), e.getMessage());
            assertEquals(before, journalSize(), "a refused operation wrote to the journal");
            return e;
        }
        return fail("expected " + reason + " for " + op);
    }

    public void assertClean() {
        VerifyReport report = ledger.verify();
        assertTrue(report.clean(), () -> "verify found: " + report.problems());
    }

    @Override
    public void close() {
        store.close();
    }
}
