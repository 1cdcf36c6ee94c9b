package org.allocd.ledger;

import static org.allocd.ledger.FundsMoved.Direction.FELL;
import static org.allocd.ledger.FundsMoved.Direction.ROSE;
import static org.allocd.ledger.LedgerFixture.HOUR_MILLIS;
import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way an account's available money moves is announced once, with its direction; replays announce nothing. */
class FundsMovedTest {
    @TempDir
    Path dir;
    private LedgerFixture f;
    private final List<String> moves = new ArrayList<>();
    private long proj;
    private long other;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture(dir, TestStore.SQLITE);
        f.account("proj", null);
        f.account("other", null);
        f.user("alice", "proj");
        proj = f.ledger.read(v -> v.account("proj").orElseThrow().id());
        other = f.ledger.read(v -> v.account("other").orElseThrow().id());
        f.ledger.onFundsMoved(m -> moves.add((m.accountId() == proj ? "proj" : m.accountId() == other ? "other" : "?")
                + " " + m.direction() + (m.atMillis() == f.clock.millis() ? "" : " at +" + (m.atMillis() - f.clock.millis()))));
    }

    private List<String> movesOf(Runnable action) {
        moves.clear();
        action.run();
        return List.copyOf(moves);
    }

    @Test
    void moneyInAndOut() {
        assertEquals(List.of("proj ROSE"), movesOf(() -> f.deposit("proj", 10 * SU)));
        assertEquals(List.of("proj FELL"), movesOf(() -> f.apply(new Operation.Withdraw(f.key(), "admin", "proj",
                SU, "back"))));
        assertEquals(List.of("proj FELL", "other ROSE"), movesOf(() -> f.apply(new Operation.Transfer(f.key(),
                "admin", "proj", "other", SU, "share"))));
        assertEquals(List.of("other FELL"), movesOf(() -> f.apply(new Operation.Adjust(f.key(), "admin", "other",
                -SU / 2, "fix"))));
        assertEquals(List.of("proj ROSE"), movesOf(() -> f.apply(new Operation.ModifyAccount(f.key(), "admin", "proj",
                null, null, 5 * SU))));
        assertEquals(List.of("proj FELL"), movesOf(() -> f.apply(new Operation.ModifyAccount(f.key(), "admin", "proj",
                null, null, 0L))));
        assertEquals(List.of(), movesOf(() -> f.apply(new Operation.ModifyAccount(f.key(), "admin", "proj",
                "same money", null, null))));
        f.assertClean();
    }

    @Test
    void aJobsLifeAndItsRefund() {
        f.deposit("proj", 10 * SU);
        assertEquals(List.of("proj FELL"), movesOf(() -> f.lien("j1", "proj", "alice", 4 * SU)));
        assertEquals(List.of("proj ROSE"), movesOf(() -> f.apply(new Operation.AdjustLien(f.key(), "slurm", "j1",
                3 * SU, 3600))));
        // The charge gives back the lien's unused part.
        assertEquals(List.of("proj ROSE"), movesOf(() -> f.charge("j1", SU)));
        assertEquals(List.of("proj ROSE"), movesOf(() -> f.apply(new Operation.Refund(f.key(), "admin", "j1", 0,
                "node failure"))));
        f.lien("j2", "proj", "alice", 2 * SU);
        assertEquals(List.of("proj ROSE"), movesOf(() -> f.apply(new Operation.ReleaseLien(f.key(), "admin", "j2",
                "cancelled"))));
        // A charge as large as the lien moves nothing.
        f.lien("j3", "proj", "alice", 2 * SU);
        assertEquals(List.of(), movesOf(() -> f.charge("j3", 2 * SU)));
        f.assertClean();
    }

    @Test
    void replaysAndRefusalsAnnounceNothing() {
        Operation deposit = new Operation.Deposit("once", "admin", "proj", SU, null, null, "");
        assertEquals(List.of("proj ROSE"), movesOf(() -> f.apply(deposit)));
        assertEquals(List.of(), movesOf(() -> f.apply(deposit)));
        assertEquals(List.of(), movesOf(() -> f.refused(Refusal.INSUFFICIENT_FUNDS,
                new Operation.Withdraw(f.key(), "admin", "proj", 5 * SU, ""))));
    }

    @Test
    void timeMovesMoneyToo() {
        assertEquals(List.of("proj ROSE at +" + HOUR_MILLIS), movesOf(() -> f.apply(new Operation.Deposit(f.key(), "admin",
                "proj", 3 * SU, f.clock.millis() + HOUR_MILLIS, f.clock.millis() + 3 * HOUR_MILLIS, "next cycle"))));
        f.clock.advanceMillis(4 * HOUR_MILLIS);
        assertEquals(List.of("proj FELL"), movesOf(() -> f.apply(new Operation.ExpireAllocations(f.key(), "allocd"))));
        f.deposit("proj", 4 * SU);
        f.lien("j1", "proj", "alice", SU);
        f.clock.advanceMillis(3 * HOUR_MILLIS);
        assertEquals(List.of("proj ROSE"), movesOf(() -> f.apply(new Operation.ExpireLiens(f.key(), "allocd"))));
        f.assertClean();
    }

    @Test
    void thawingAnAccountLetsItsJobsGo() {
        f.apply(new Operation.SetAccountState(f.key(), "admin", "proj", AccountState.FROZEN));
        assertEquals(List.of("proj ROSE"), movesOf(() -> f.apply(new Operation.SetAccountState(f.key(), "admin",
                "proj", AccountState.ACTIVE))));
    }
}
