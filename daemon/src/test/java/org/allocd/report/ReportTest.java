package org.allocd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
}
