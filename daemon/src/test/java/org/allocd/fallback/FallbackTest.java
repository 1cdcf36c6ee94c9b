package org.allocd.fallback;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.allocd.ledger.LedgerFixture;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Refusal;
import org.allocd.ledger.Role;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fallback accounts in the ledger: who pays a lien, and what the job remembers. */
class FallbackTest {
    LedgerFixture f;

    @BeforeEach
    void open(@TempDir Path dir) {
        f = new LedgerFixture(dir, TestStore.SQLITE);
        f.account("spare", null);
        f.account("tiny", null);
        f.user("carol", null);
        f.apply(new Operation.AddMembership(f.key(), "admin", "carol", "tiny", Role.MEMBER, 3 * SU));
        f.deposit("spare", 100 * SU);
        f.deposit("tiny", 2 * SU);
        f.apply(new SetFallback(f.key(), "admin", "tiny", "spare", "low"));
    }

    @AfterEach
    void close() {
        f.assertClean();
        f.close();
    }

    @Test
    void aLienTheAccountCannotCoverGoesToTheFallbackAndStaysThereWhenItGrows() {
        assertTrue(f.lien("c/1/0", "tiny", "carol", SU).detail().startsWith("liened 1.000000 SU on tiny for"));
        OpResult moved = f.lien("c/2/0", "tiny", "carol", 2 * SU);
        assertEquals("liened 2.000000 SU on spare (fallback of tiny) for job c/2/0 of carol", moved.detail());
        assertEquals(Optional.of("tiny"), f.store.read(v -> v.requestedAccount("c/2/0")));
        assertEquals(2 * SU, f.balance("spare").lienedMicroSu());
        // A longer time limit re-liens on the fallback; carol is a member through tiny, within her 3 SU limit there.
        f.apply(new Operation.AdjustLien(f.key(), "slurm", "c/2/0", 3 * SU, 3600));
        f.charge("c/2/0", 3 * SU);
        assertEquals(97 * SU, f.balance("spare").balanceMicroSu());
        assertEquals(2 * SU, f.balance("tiny").balanceMicroSu());
    }

    @Test
    void aJobTheSubmitHookMovedArrivesOnTheFallbackAndIsTracedToItsAccount() {
        f.lien("c/3/0", "spare", "carol", 2 * SU);
        assertEquals(Optional.of("tiny"), f.store.read(v -> v.requestedAccount("c/3/0")));
        assertEquals(Optional.of(new FallbackAccounts.Offer("spare", "low")),
                new FallbackAccounts().offer(f.ledger, "tiny", 5 * SU));
        assertEquals(Optional.empty(), new FallbackAccounts().offer(f.ledger, "tiny", 200 * SU),
                "spare cannot cover 200 SU either");
    }

    @Test
    void theUsersLimitOnItsOwnAccountStillHolds() {
        f.lien("c/4/0", "tiny", "carol", 2 * SU);
        LedgerException e = f.refused(Refusal.USER_LIMIT_EXCEEDED,
                new Operation.PlaceLien("lien:c/5/0", "slurm", "c/5/0", "tiny", "carol", 2 * SU, 3600, null));
        assertTrue(e.getMessage().contains("limit on account 'tiny'"), e.getMessage());
    }

    @Test
    void whenTheFallbackCannotCoverEitherTheLienIsRefused() {
        LedgerException e = f.refused(Refusal.INSUFFICIENT_FUNDS,
                new Operation.PlaceLien("lien:c/6/0", "slurm", "c/6/0", "tiny", "carol", 150 * SU, 3600, null));
        assertTrue(e.getMessage().startsWith("account 'tiny' needs 150.000000 SU"), e.getMessage());
    }
}
