package org.allocd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.JournalSum;
import org.junit.jupiter.api.Test;

/** The pure report logic over hand-made journal sums and allocations. */
class ReportTest {
    private static JournalSum sum(JournalKind kind, long accountId, String user, long amountMicroSu, long jobs) {
        return new JournalSum(accountId, kind, user, amountMicroSu, jobs);
    }

    @Test
    void sharesRoundHalfUpAndAreZeroWithoutCharges() {
        assertEquals(3333, UserCharges.share(1, 3));
        assertEquals(6667, UserCharges.share(2, 3));
        assertEquals(5000, UserCharges.share(1, 2));
        assertEquals(0, UserCharges.share(0, 0));
        assertEquals(10_000, UserCharges.share(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4));
        assertEquals(List.of(), UserCharges.of(List.of(sum(JournalKind.DEPOSIT, 1, null, 5, 0))));
    }

    private static final Account PROJ = new Account(1, "proj", null, AccountState.ACTIVE, "d", "o", 3_000_000,
            0, 1_000_000);

    @Test
    void ownBalanceCountsActiveAllocationsOnly() {
        long now = 5_000;
        List<Allocation> allocations = List.of(
                new Allocation(1, 1, false, 10_000_000, 4_000_000, 1_000, 9_000L, false),
                new Allocation(2, 1, false, 7_000_000, 7_000_000, 2_000, 8_000L, false),
                new Allocation(3, 1, false, 5_000_000, 5_000_000, 6_000, 9_500L, false),   // not started
                new Allocation(4, 1, false, 5_000_000, 0, 0, 4_000L, true),               // ended
                new Allocation(5, 1, true, 0, -500_000, 0, null, false));                 // pot in debt
        BalanceRow row = Balances.own(PROJ, allocations, -1_000_000, 2_500_000, now);
        assertEquals(10_500_000, row.balanceMicroSu());
        assertEquals(16_000_000, row.depositedMicroSu());
        assertEquals(2_500_000, row.usedMicroSu());
        assertEquals(10_500_000 - 1_000_000 + 3_000_000, row.availableMicroSu());
        assertEquals(1_000L, row.windowStartMillis());
        assertEquals(9_000L, row.windowEndMillis());
    }

    @Test
    void subtreeSumsAndWindowsWiden() {
        BalanceRow parent = Balances.own(PROJ, List.of(new Allocation(5, 1, true, 0, 0, 0, null, false)), 0, 0, 10);
        assertNull(parent.windowStartMillis());
        BalanceRow child = Balances.own(PROJ, List.of(new Allocation(6, 2, false, 5, 5, 1, 100L, false)), 0, 7, 10);
        BalanceRow sum = Balances.plus(parent, child);
        assertEquals(5, sum.balanceMicroSu());
        assertEquals(7, sum.usedMicroSu());
        assertEquals(1L, sum.windowStartMillis());
        assertEquals(100L, sum.windowEndMillis());
        BalanceRow endless = Balances.own(PROJ, List.of(new Allocation(7, 3, false, 5, 5, 0, null, false)), 0, 0, 10);
        BalanceRow both = Balances.plus(sum, endless);
        assertEquals(0L, both.windowStartMillis());
        assertNull(both.windowEndMillis());
    }
}
