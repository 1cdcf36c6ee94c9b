package org.allocd.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
import org.junit.jupiter.api.Test;

/** The pure arithmetic of billing lines: one rounding, half away from zero, from exact integers. */
class BillingRulesTest {
    private static final long SU = MicroSu.PER_SU;
    private static final Account DEPT = new Account(7, "dept", null, AccountState.ACTIVE, "", "", 0, 0, 0);

    @Test
    void aShareIsRoundedOnceHalfAwayFromZero() {
        assertEquals(250_000, BillingBook.share(2_500_000, 100_000));   // 10 % of 2.5 SU
        assertEquals(1, BillingBook.share(5, 100_000));                 // 0.5 uSU rounds up
        assertEquals(-1, BillingBook.share(5, -100_000));               // and a discount away from zero too
        assertEquals(0, BillingBook.share(4, 100_000));                 // 0.4 uSU rounds down
        assertEquals(333_333, BillingBook.share(SU, 333_333));
        // The product passes a long; the exact quotient does not.
        assertEquals(10_000_000_000_000_000L, BillingBook.share(MicroSu.MAX_AMOUNT, 10_000_000));
    }

    @Test
    void eachKindBooksItsLineFromTheMonthsCharges() {
        long charges = 12_500 * SU;
        assertEquals(-500 * SU, line(BillingRuleKind.FIXED, 500 * SU, 0, charges));
        assertEquals(100 * SU, line(BillingRuleKind.FIXED, -100 * SU, 0, charges));
        assertEquals(-1_562_500_000L, line(BillingRuleKind.PERCENT, 0, 125_000, charges));  // 12.5 %
        assertEquals(1_875 * SU, line(BillingRuleKind.PERCENT, 0, -150_000, charges));       // 15 % off
        assertEquals(1_000 * SU, line(BillingRuleKind.CREDIT, 1_000 * SU, 0, charges));
        assertEquals(charges, line(BillingRuleKind.CREDIT, 20_000 * SU, 0, charges), "credit never passes the charges");
        // First 10,000 SU at 1.0, the 2,500 above at 0.8: 500 SU back.
        assertEquals(500 * SU, line(BillingRuleKind.TIER, 10_000 * SU, 800_000, charges));
        assertEquals(0, line(BillingRuleKind.TIER, 20_000 * SU, 800_000, charges), "below the band nothing changes");
        assertEquals(-1_250 * SU, line(BillingRuleKind.TIER, 10_000 * SU, 1_500_000, charges), "a factor above 1 charges");
    }

    @Test
    void rulesSayWhatTheyDo() {
        assertEquals("charge 5.000000 SU", rule(BillingRuleKind.FIXED, 5 * SU, 0).describe());
        assertEquals("discount 1.500000 SU", rule(BillingRuleKind.FIXED, -1_500_000, 0).describe());
        assertEquals("-12.5 %", rule(BillingRuleKind.PERCENT, 0, -125_000).describe());
        assertEquals("charges above 10000.000000 SU at 0.8", rule(BillingRuleKind.TIER, 10_000 * SU, 800_000).describe());
    }

    @Test
    void aBillNoteCarriesItsMonthMeterAndName() {
        BillNote note = new BillNote("2026-10", "storage", "/home/alice", "user fileset, max 10 GB");
        assertEquals("2026-10 storage /home/alice: user fileset, max 10 GB", note.text());
        assertEquals(Optional.of(note), BillNote.parse(note.text()));
        assertEquals(Optional.empty(), BillNote.parse("grant 2026"));
        assertEquals(1_790_812_800_000L, BillNote.monthStartMillis("2026-10"));
        assertEquals(1_793_491_200_000L, BillNote.monthEndMillis("2026-10"));
        assertEquals(BillNote.monthStartMillis("2027-01"), BillNote.monthEndMillis("2026-12"));
        for (String bad : new String[] {"2026-13", "2026-1", "26-10", "2026-00", "", "2026-10-01"}) {
            assertThrows(LedgerException.class, () -> BillNote.month(bad), bad);
        }
    }

    private static long line(BillingRuleKind kind, long amountMicroSu, long ratePpm, long chargesMicroSu) {
        return BillingBook.line(DEPT, "2026-10", rule(kind, amountMicroSu, ratePpm), chargesMicroSu).amountMicroSu();
    }

    private static BillingRule rule(BillingRuleKind kind, long amountMicroSu, long ratePpm) {
        return new BillingRule(DEPT.id(), "r", kind, amountMicroSu, ratePpm);
    }
}
