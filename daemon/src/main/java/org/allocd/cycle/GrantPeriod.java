package org.allocd.cycle;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.allocd.ledger.Names;

/** How often a recurring grant makes a new allocation. */
public enum GrantPeriod {
    MONTHLY(1), QUARTERLY(3), YEARLY(12);

    private final int months;

    GrantPeriod(int months) {
        this.months = months;
    }

    /**
     * Start of period index counted from the first start in the grant's zone, so
     * a grant starting on the 1st at local midnight keeps doing so across DST.
     * Months are added to the first start, not chained, so a start on the 31st
     * falls back to the month's last day without drifting.
     */
    public long startMillis(long firstStartMillis, ZoneId zone, long index) {
        ZonedDateTime first = Instant.ofEpochMilli(firstStartMillis).atZone(zone);
        return first.plusMonths(Math.multiplyExact(index, months)).toInstant().toEpochMilli();
    }

    public String sqlName() {
        return Names.of(this);
    }

    public static GrantPeriod parse(String text) {
        return Names.parse(GrantPeriod.class, "period", text);
    }
}
