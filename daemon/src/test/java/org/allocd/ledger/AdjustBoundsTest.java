package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An adjustment may not take an account below its credit limit unless the admin says force, and the journal says so. */
class AdjustBoundsTest {
    @TempDir
    Path dir;

    @Test
    void belowTheCreditLimitOnlyWithForceAndTheJournalSaysSo() {
        try (LedgerFixture f = new LedgerFixture(dir, TestStore.SQLITE)) {
            f.apply(new Operation.CreateAccount(f.key(), "admin", "chem-c", null, "", "", 10 * SU));
            f.user("alice", "chem-c");
            f.apply(new Operation.AddMembership(f.key(), "admin", "alice", "chem-c", Role.MEMBER, null));
            f.deposit("chem-c", 100 * SU);
            f.lien("c/1/0", "chem-c", "alice", 30 * SU);
            // available: 100 - 30 + 10 = 80
            LedgerException e = f.refused(Refusal.INSUFFICIENT_FUNDS,
                    new Operation.Adjust(f.key(), "admin", "chem-c", -999_999 * SU, "big"));
            assertEquals("adjusting chem-c by -999999.000000 SU would leave -999919.000000 SU available, below its"
                    + " credit limit of 10.000000 SU; if this is meant, say force=yes with the note saying why",
                    e.getMessage());
            f.refused(Refusal.INSUFFICIENT_FUNDS, new Operation.Adjust(f.key(), "admin", "chem-c", -80 * SU - 1, "one"));
            f.apply(new Operation.Adjust(f.key(), "admin", "chem-c", -80 * SU, "to the limit"));
            assertEquals(0, f.balance("chem-c").availableMicroSu());
            f.apply(new Operation.Adjust(f.key(), "admin", "chem-c", 5 * SU, "a positive one always fits"));
            f.apply(new Operation.Adjust(f.key(), "admin", "chem-c", -50 * SU, "written off", true));
            assertEquals(-45 * SU, f.balance("chem-c").availableMicroSu());
            JournalEntry last = f.store.read(LedgerView::lastJournalEntry).orElseThrow();
            assertEquals(JournalKind.ADJUST, last.kind());
            assertEquals("written off [forced below the credit limit]", last.note());
            f.refused(Refusal.INVALID_ARGUMENT, new Operation.Adjust(f.key(), "admin", "chem-c", -1, "", true));
            assertTrue(f.ledger.verify().clean());
        }
    }
}
