package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A coordinator blocks a member in one account: the member's quote (in memory and from the database) and lien
 * are refused with who blocked them, other accounts are not touched, a new limit keeps the block, and
 * unblocking lets the same job through. Each change is one journal line; a repeat changes nothing.
 */
class MemberBlockTest extends LedgerOnEachStore {
    @BeforeEach
    void open() {
        f.account("proj", null);
        f.account("other", null);
        f.user("carol", "proj");
        f.user("bob", "proj");
        f.apply(new Operation.AddMembership(f.key(), "admin", "carol", "proj", Role.COORDINATOR, null));
        f.apply(new Operation.AddMembership(f.key(), "admin", "bob", "other", Role.MEMBER, null));
        f.deposit("proj", 20 * SU);
        f.deposit("other", 20 * SU);
    }

    @Test
    void aBlockedMemberIsRefusedInThatAccountUntilUnblocked() {
        long journal = f.journalSize();
        f.apply(new Operation.SetMemberBlocked(f.key(), "carol", "bob", "proj", true));
        assertEquals(journal + 1, f.journalSize(), "one ADMIN line for the block");
        String said = "bob is blocked in proj by carol, ask them";
        LedgerException quoted = assertThrows(LedgerException.class, () -> f.ledger.checkFunds("proj", "bob", SU));
        assertEquals(Refusal.NOT_MEMBER, quoted.refusal());
        assertEquals(said, quoted.getMessage());
        // The submit path's in-memory rows (where the store keeps them) know the block: refused, or no answer.
        try {
            assertTrue(f.ledger.checkFundsInMemory("proj", "bob", SU).isEmpty(), "in memory, a blocked member fits");
        } catch (LedgerException inMemory) {
            assertEquals(said, inMemory.getMessage());
        }
        LedgerException liened = f.refused(Refusal.NOT_MEMBER,
                new Operation.PlaceLien(f.key(), "slurm", "c/1/0", "proj", "bob", SU, 3600, null));
        assertEquals(said, liened.getMessage());
        assertEquals(FundsCheck.Verdict.FITS, f.ledger.checkFunds("other", "bob", SU).verdict(),
                "a block is in one account only");

        f.apply(new Operation.AddMembership(f.key(), "carol", "bob", "proj", Role.MEMBER, 5 * SU));
        assertThrows(LedgerException.class, () -> f.ledger.checkFunds("proj", "bob", SU), "a new limit keeps the block");

        long before = f.journalSize();
        OpResult again = f.apply(new Operation.SetMemberBlocked(f.key(), "carol", "bob", "proj", true));
        assertTrue(again.detail().endsWith("(unchanged)"), again.detail());
        assertEquals(before, f.journalSize(), "blocking a blocked member writes nothing");

        f.apply(new Operation.SetMemberBlocked(f.key(), "carol", "bob", "proj", false));
        assertEquals(FundsCheck.Verdict.FITS, f.ledger.checkFunds("proj", "bob", SU).verdict());
        f.lien("c/2/0", "proj", "bob", SU);
    }

    @Test
    void onlyAMemberCanBeBlocked() {
        long journal = f.journalSize();
        f.refused(Refusal.NOT_MEMBER, new Operation.SetMemberBlocked(f.key(), "admin", "carol", "other", true));
        assertEquals(journal, f.journalSize());
    }
}
