package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
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

    private void lien(Ledger ledger, String job, long amountMicroSu) {
        ledger.apply(new Operation.PlaceLien(key(), "slurm", job, "physics", "alice", amountMicroSu, 3600, null));
    }

    private String key() {
        return "k" + ++keys;
    }
}
