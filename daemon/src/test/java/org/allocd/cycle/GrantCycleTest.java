package org.allocd.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Refusal;
import org.junit.jupiter.api.Test;

/** Period arithmetic and carry-over policies: pure functions, table-driven. */
class GrantCycleTest {
    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void periodsCountFromTheFirstStartInTheGrantsZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        long first = ms("2026-11-30T23:00:00Z"); // 2026-12-01 00:00 in Berlin (CET)
        assertEquals(ms("2026-12-31T23:00:00Z"), GrantPeriod.MONTHLY.startMillis(first, berlin, 1));
        // Across the switch to summer time the period still starts at local midnight.
        assertEquals(ms("2027-05-31T22:00:00Z"), GrantPeriod.MONTHLY.startMillis(first, berlin, 6));
        assertEquals(ms("2027-02-28T23:00:00Z"), GrantPeriod.QUARTERLY.startMillis(first, berlin, 1));
        assertEquals(ms("2027-11-30T23:00:00Z"), GrantPeriod.YEARLY.startMillis(first, berlin, 1));
    }

    @Test
    void aStartOnThe31stFallsBackToTheMonthsLastDayWithoutDrifting() {
        long first = ms("2027-01-31T00:00:00Z");
        assertEquals(ms("2027-02-28T00:00:00Z"), GrantPeriod.MONTHLY.startMillis(first, ZoneOffset.UTC, 1));
        assertEquals(ms("2027-03-31T00:00:00Z"), GrantPeriod.MONTHLY.startMillis(first, ZoneOffset.UTC, 2));
    }

    @Test
    void aGrantsLastPeriodEndsAtTheGrantsEnd() {
        Grant g = new Grant(1, 1, 100, GrantPeriod.MONTHLY, ZoneOffset.UTC, ms("2026-12-01T00:00:00Z"),
                ms("2027-01-15T00:00:00Z"), CarryOver.NONE, "", false);
        assertEquals(ms("2027-01-01T00:00:00Z"), g.periodEndMillis(0));
        assertEquals(ms("2027-01-15T00:00:00Z"), g.periodEndMillis(1));
        assertEquals(true, g.hasPeriod(1));
        assertEquals(false, g.hasPeriod(2));
    }

    @Test
    void carryOverPolicies() {
        long su = MicroSu.PER_SU;
        record Case(String policy, long remaining, long grant, long carried) {}
        for (Case c : new Case[] {
                new Case("none", 40 * su, 100 * su, 0),
                new Case("all", 40 * su, 100 * su, 40 * su),
                new Case("30", 40 * su, 100 * su, 30 * su),
                new Case("30su", 20 * su, 100 * su, 20 * su),
                new Case("12.5", 40 * su, 100 * su, 12_500_000),
                new Case("20%", 40 * su, 100 * su, 20 * su),
                new Case("20%", 10 * su, 100 * su, 10 * su),
                // a third of a micro-SU is never carried
                new Case("1%", 40 * su, 1, 0),
                new Case("all", -5, 100 * su, 0)}) {
            assertEquals(c.carried(), CarryOver.parse(c.policy()).carriedMicroSu(c.remaining(), c.grant()),
                    c.toString());
        }
        assertEquals("20%", CarryOver.parse("20%").toString());
        assertEquals("30.000000", CarryOver.parse("30").toString());
    }

    @Test
    void aBadCarryOverSaysWhatToWrite() {
        for (String bad : new String[] {"some", "120%", "-5", "5.5%", "1.0000001"}) {
            LedgerException e = assertThrows(LedgerException.class, () -> CarryOver.parse(bad), bad);
            assertEquals(Refusal.INVALID_ARGUMENT, e.refusal(), bad);
        }
    }
}
