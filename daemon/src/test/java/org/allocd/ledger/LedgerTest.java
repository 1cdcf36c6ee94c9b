package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.HOUR_MILLIS;
import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerTest extends LedgerOnEachStore {
    @BeforeEach
    void open() {
        f.account("physics", null);
        f.account("proj", "physics");
        f.user("alice", "proj");
    }

    @Test
    void lienThenPartialChargeReleasesTheRest() {
        f.deposit("proj", 100 * SU);
        f.lien("c1/1", "proj", "alice", 10 * SU);
        Balance liened = f.balance("proj");
        assertEquals(100 * SU, liened.balanceMicroSu());
        assertEquals(10 * SU, liened.lienedMicroSu());
        assertEquals(90 * SU, liened.availableMicroSu());

        OpResult charged = f.charge("c1/1", 2_500_000);
        assertEquals(2_500_000, charged.amountMicroSu());
        Balance after = f.balance("proj");
        assertEquals(97_500_000, after.balanceMicroSu());
        assertEquals(0, after.lienedMicroSu());
        Job job = f.store.read(v -> v.job("c1/1")).orElseThrow();
        assertEquals(LienState.CHARGED, job.lienState());
        assertEquals(10 * SU, job.lienMicroSu(), "the lien amount stays on record");
    }

    @Test
    void sameKeyTwiceChangesNothingAndReturnsTheFirstAnswer() {
        Operation deposit = new Operation.Deposit("grant-2026", "admin", "proj", 5 * SU, null, null, "grant");
        OpResult first = f.apply(deposit);
        long journal = f.journalSize();
        OpResult again = f.apply(deposit);
        assertTrue(again.replayed());
        assertEquals(first.amountMicroSu(), again.amountMicroSu());
        assertEquals(first.detail(), again.detail());
        assertEquals(journal, f.journalSize());
        assertEquals(5 * SU, f.balance("proj").balanceMicroSu());

        f.refused(Refusal.KEY_REUSED, new Operation.Deposit("grant-2026", "admin", "proj", 6 * SU, null, null, "x"));
    }

    @Test
    void replayedEpilogDoesNotChargeTwice() {
        f.deposit("proj", 10 * SU);
        f.lien("c1/7", "proj", "alice", 4 * SU);
        f.charge("c1/7", 3 * SU);
        assertTrue(f.charge("c1/7", 3 * SU).replayed());
        f.refused(Refusal.CONFLICT, new Operation.ChargeJob("other-key", "slurm", "c1/7", null, null, 3 * SU, ""));
        assertEquals(7 * SU, f.balance("proj").balanceMicroSu());
    }

    @Test
    void lienRefusedWhenFundsShortAndAllowedAfterDeposit() {
        f.deposit("proj", 5 * SU);
        f.lien("c1/1", "proj", "alice", 4 * SU);
        LedgerException e = f.refused(Refusal.INSUFFICIENT_FUNDS, new Operation.PlaceLien("lien:c1/2", "slurm",
                "c1/2", "proj", "alice", 2 * SU, 3600, null));
        assertTrue(e.getMessage().contains("needs 2.000000 SU, has 1.000000 SU"), e.getMessage());
        assertEquals(FundsCheck.Verdict.SHORT_NOW, f.ledger.checkFunds("proj", "alice", 2 * SU).verdict());
        assertEquals(FundsCheck.Verdict.NEVER, f.ledger.checkFunds("proj", "alice", 6 * SU).verdict());
        f.deposit("proj", 1 * SU);
        assertEquals(FundsCheck.Verdict.FITS, f.ledger.checkFunds("proj", "alice", 2 * SU).verdict());
        f.lien("c1/2", "proj", "alice", 2 * SU);
    }

    @Test
    void creditLimitCountsTowardAvailableButCannotBeWithdrawn() {
        f.apply(new Operation.ModifyAccount(f.key(), "admin", "proj", null, null, 3 * SU));
        f.deposit("proj", 1 * SU);
        assertEquals(4 * SU, f.balance("proj").availableMicroSu());
        f.lien("c1/1", "proj", "alice", 4 * SU);
        f.charge("c1/1", 4 * SU);
        Balance b = f.balance("proj");
        assertEquals(-3 * SU, b.balanceMicroSu(), "the credit used is debt in the pot");
        f.refused(Refusal.INSUFFICIENT_FUNDS, new Operation.Withdraw(f.key(), "admin", "proj", 1, ""));
        f.deposit("proj", 5 * SU);
        assertEquals(2 * SU, f.balance("proj").balanceMicroSu(), "a deposit pays the debt first");
    }

    @Test
    void chargesDrawFromTheAllocationThatEndsFirst() {
        long t = f.clock.millis();
        f.apply(new Operation.Deposit(f.key(), "admin", "proj", 10 * SU, t, t + 10 * HOUR_MILLIS, "late"));
        f.apply(new Operation.Deposit(f.key(), "admin", "proj", 10 * SU, t, t + 5 * HOUR_MILLIS, "early"));
        f.lien("c1/1", "proj", "alice", 12 * SU);
        f.charge("c1/1", 12 * SU);
        var allocations = f.store.read(v -> v.allocations(v.account("proj").orElseThrow().id()));
        assertEquals(0, allocations.get(0).remainingMicroSu(), "the early one is drawn first");
        assertEquals(8 * SU, allocations.get(1).remainingMicroSu());
    }

    @Test
    void expiredAllocationsStopCountingWithAJournalEntry() {
        long t = f.clock.millis();
        f.apply(new Operation.Deposit(f.key(), "admin", "proj", 10 * SU, t, t + HOUR_MILLIS, "q1"));
        f.apply(new Operation.Deposit(f.key(), "admin", "proj", 3 * SU, t + 2 * HOUR_MILLIS, null, "future"));
        assertEquals(10 * SU, f.balance("proj").balanceMicroSu(), "a future allocation does not count yet");
        f.clock.advanceMillis(HOUR_MILLIS);
        assertEquals(0, f.balance("proj").balanceMicroSu(), "an ended window stops counting at once");
        OpResult expired = f.apply(new Operation.ExpireAllocations(f.key(), "allocd"));
        assertEquals(10 * SU, expired.amountMicroSu());
        assertTrue(f.apply(new Operation.ExpireAllocations(f.key(), "allocd")).amountMicroSu() == 0);
        f.clock.advanceMillis(HOUR_MILLIS);
        assertEquals(3 * SU, f.balance("proj").balanceMicroSu());
        long expireEntries = f.store.read(v -> {
            long[] n = {0};
            v.forEachJournalEntry(e -> n[0] += e.kind() == JournalKind.EXPIRE ? 1 : 0);
            return n[0];
        });
        assertEquals(1, expireEntries);
    }

    @Test
    void transferKeepsTheWindowOfTheMoney() {
        long t = f.clock.millis();
        f.apply(new Operation.Deposit(f.key(), "admin", "physics", 10 * SU, t, t + HOUR_MILLIS, "grant"));
        f.apply(new Operation.Transfer(f.key(), "admin", "physics", "proj", 4 * SU, "share"));
        assertEquals(6 * SU, f.balance("physics").balanceMicroSu());
        assertEquals(4 * SU, f.balance("proj").balanceMicroSu());
        f.clock.advanceMillis(HOUR_MILLIS);
        assertEquals(0, f.balance("proj").balanceMicroSu(), "delegated budget expires with its grant");
    }

    @Test
    void transferCannotTakeLienedMoney() {
        f.deposit("proj", 5 * SU);
        f.lien("c1/1", "proj", "alice", 4 * SU);
        f.refused(Refusal.INSUFFICIENT_FUNDS, new Operation.Transfer(f.key(), "admin", "proj", "physics", 2 * SU, ""));
    }

    @Test
    void refundWholeOrPartNeverMoreThanCharged() {
        f.deposit("proj", 10 * SU);
        f.lien("c1/1", "proj", "alice", 5 * SU);
        f.charge("c1/1", 5 * SU);
        assertEquals(2 * SU, f.apply(new Operation.Refund(f.key(), "admin", "c1/1", 2 * SU, "node fault"))
                .amountMicroSu());
        f.refused(Refusal.INVALID_ARGUMENT, new Operation.Refund(f.key(), "admin", "c1/1", 4 * SU, ""));
        assertEquals(3 * SU, f.apply(new Operation.Refund(f.key(), "admin", "c1/1", 0, "rest")).amountMicroSu());
        f.refused(Refusal.INVALID_ARGUMENT, new Operation.Refund(f.key(), "admin", "c1/1", 0, ""));
        assertEquals(10 * SU, f.balance("proj").balanceMicroSu());
    }

    @Test
    void timeLimitChangeMovesTheLien() {
        f.deposit("proj", 10 * SU);
        f.lien("c1/1", "proj", "alice", 4 * SU);
        f.apply(new Operation.AdjustLien("modify:c1/1:1", "slurm", "c1/1", 6 * SU, 3 * 3600));
        assertEquals(6 * SU, f.balance("proj").lienedMicroSu());
        f.refused(Refusal.INSUFFICIENT_FUNDS,
                new Operation.AdjustLien("modify:c1/1:2", "slurm", "c1/1", 11 * SU, 3600));
        f.apply(new Operation.AdjustLien("modify:c1/1:3", "slurm", "c1/1", 1 * SU, 3600));
        assertEquals(1 * SU, f.balance("proj").lienedMicroSu());
    }

    @Test
    void retriedLienIsTheSameRequestLaterOn() {
        f.deposit("proj", 10 * SU);
        f.lien("c1/1", "proj", "alice", 4 * SU);
        f.clock.advanceMillis(60_000);
        assertTrue(f.lien("c1/1", "proj", "alice", 4 * SU).replayed(), "a prolog retried a minute later replays");
        f.refused(Refusal.INVALID_ARGUMENT,
                new Operation.PlaceLien(f.key(), "slurm", "c1/2", "proj", "alice", SU, -1, null));
    }

    @Test
    void liensExpireOnceWhenTheirJobNeverEnds() {
        f.deposit("proj", 10 * SU);
        f.lien("c1/1", "proj", "alice", 4 * SU);
        f.clock.advanceMillis(3 * HOUR_MILLIS);
        assertEquals(4 * SU, f.apply(new Operation.ExpireLiens(f.key(), "allocd")).amountMicroSu());
        assertEquals(0, f.apply(new Operation.ExpireLiens(f.key(), "allocd")).amountMicroSu());
        assertEquals(0, f.balance("proj").lienedMicroSu());
        f.charge("c1/1", 1 * SU);
        assertEquals(9 * SU, f.balance("proj").balanceMicroSu(), "a late end is still charged");
    }

    @Test
    void chargeWithoutLienNeedsTheAccount() {
        f.deposit("proj", 10 * SU);
        f.refused(Refusal.UNKNOWN_JOB, new Operation.ChargeJob("charge:c1/9", "slurm", "c1/9", null, null, SU, ""));
        f.apply(new Operation.ChargeJob("charge:c1/9", "slurm", "c1/9", "proj", "alice", SU, "prolog lost"));
        assertEquals(9 * SU, f.balance("proj").balanceMicroSu());
    }

    @Test
    void zeroChargeIsStillRecorded() {
        f.deposit("proj", 10 * SU);
        f.lien("c1/1", "proj", "alice", 4 * SU);
        f.charge("c1/1", 0);
        assertTrue(f.store.read(v -> v.job("c1/1")).orElseThrow().charged());
        assertEquals(10 * SU, f.balance("proj").balanceMicroSu());
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        f.deposit("proj", 10 * SU);
        f.refused(Refusal.UNKNOWN_ACCOUNT, new Operation.Deposit(f.key(), "admin", "nosuch", SU, null, null, ""));
        f.refused(Refusal.INVALID_ARGUMENT, new Operation.Deposit(f.key(), "admin", "proj", -SU, null, null, ""));
        f.refused(Refusal.INVALID_ARGUMENT, new Operation.Deposit(f.key(), "admin", "proj", 0, null, null, ""));
        f.refused(Refusal.INVALID_ARGUMENT,
                new Operation.Deposit(f.key(), "admin", "proj", Long.MAX_VALUE, null, null, ""));
        f.refused(Refusal.INVALID_ARGUMENT, new Operation.Deposit(f.key(), "admin", "bad name;", SU, null, null, ""));
        f.refused(Refusal.INVALID_ARGUMENT, new Operation.Deposit(f.key(), "admin", "proj", SU,
                f.clock.millis(), f.clock.millis() - 1, "ends before it starts"));
        f.refused(Refusal.UNKNOWN_JOB, new Operation.ReleaseLien(f.key(), "slurm", "c1/404", ""));
        f.refused(Refusal.UNKNOWN_JOB, new Operation.AdjustLien(f.key(), "slurm", "c1/404", SU, 0));
        f.refused(Refusal.UNKNOWN_USER, new Operation.PlaceLien(f.key(), "slurm", "c1/1", "proj", "mallory", SU, 0, null));
        f.refused(Refusal.ALREADY_EXISTS, new Operation.CreateAccount(f.key(), "admin", "PROJ", null, "", "", 0));
        f.refused(Refusal.INVALID_ARGUMENT, new Operation.Adjust(f.key(), "admin", "proj", SU, ""));
        f.refused(Refusal.INVALID_ARGUMENT, new Operation.Withdraw("", "admin", "proj", SU, ""));
        assertEquals(10 * SU, f.balance("proj").balanceMicroSu());
    }

    @Test
    void membershipAndAccountStateGateLiens() {
        f.deposit("proj", 10 * SU);
        f.user("bob", null);
        f.refused(Refusal.NOT_MEMBER, new Operation.PlaceLien(f.key(), "slurm", "c1/1", "proj", "bob", SU, 0, null));
        f.apply(new Operation.AddMembership(f.key(), "admin", "bob", "proj", Role.MEMBER, 2 * SU));
        f.lien("c1/1", "proj", "bob", 2 * SU);
        f.refused(Refusal.USER_LIMIT_EXCEEDED, new Operation.PlaceLien(f.key(), "slurm", "c1/2", "proj", "bob", 1, 0, null));
        f.apply(new Operation.SetAccountState(f.key(), "admin", "proj", AccountState.FROZEN));
        f.refused(Refusal.ACCOUNT_FROZEN, new Operation.PlaceLien(f.key(), "slurm", "c1/3", "proj", "alice", SU, 0, null));
        f.charge("c1/1", SU);
        assertEquals(9 * SU, f.balance("proj").balanceMicroSu(), "a frozen account still pays for running jobs");
    }

    @Test
    void closingNeedsAnEmptyAccountWithoutOpenChildren() {
        f.deposit("proj", 1 * SU);
        f.refused(Refusal.CONFLICT, new Operation.SetAccountState(f.key(), "admin", "proj", AccountState.CLOSED));
        f.refused(Refusal.CONFLICT, new Operation.SetAccountState(f.key(), "admin", "physics", AccountState.CLOSED));
        f.apply(new Operation.Withdraw(f.key(), "admin", "proj", 1 * SU, "end of project"));
        f.apply(new Operation.SetAccountState(f.key(), "admin", "proj", AccountState.CLOSED));
        f.refused(Refusal.ACCOUNT_CLOSED, new Operation.Deposit(f.key(), "admin", "proj", SU, null, null, ""));
        f.apply(new Operation.SetAccountState(f.key(), "admin", "physics", AccountState.CLOSED));
        assertFalse(f.balance("physics").state() == AccountState.ACTIVE);
    }

    @Test
    void defaultAccountNeedsMembership() {
        f.account("other", null);
        f.refused(Refusal.NOT_MEMBER, new Operation.SetDefaultAccount(f.key(), "admin", "alice", "other"));
        f.apply(new Operation.AddMembership(f.key(), "admin", "alice", "other", Role.COORDINATOR, null));
        f.apply(new Operation.SetDefaultAccount(f.key(), "admin", "alice", "other"));
        long other = f.store.read(v -> v.account("other").orElseThrow().id());
        assertEquals(other, f.store.read(v -> v.user("alice")).orElseThrow().defaultAccountId());
        f.apply(new Operation.RemoveMembership(f.key(), "admin", "alice", "other"));
        assertEquals(null, f.store.read(v -> v.user("alice")).orElseThrow().defaultAccountId());
    }
}
