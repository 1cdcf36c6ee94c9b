package org.allocd.cycle;

import java.time.ZoneId;

/**
 * A recurring grant: every period from firstStartMillis (counted in zone) the
 * daemon deposits amountMicroSu into the account as an allocation for that
 * period; endsAtMillis (null: none) is when the last period ends.
 */
public record Grant(long id, long accountId, long amountMicroSu, GrantPeriod period, ZoneId zone,
        long firstStartMillis, Long endsAtMillis, CarryOver carryOver, String note, boolean deleted) {

    public long periodStartMillis(long index) {
        return period.startMillis(firstStartMillis, zone, index);
    }

    /** Whether period index starts before the grant's end (every period does without an end). */
    public boolean hasPeriod(long index) {
        return endsAtMillis == null || periodStartMillis(index) < endsAtMillis;
    }

    /** The period ends where the next starts, or at the grant's end if that comes first. */
    public long periodEndMillis(long index) {
        long next = periodStartMillis(index + 1);
        return endsAtMillis == null ? next : Math.min(next, endsAtMillis);
    }

    /** One period's allocation, as grant_periods records it. */
    public record Period(long grantId, long index, long startMillis, long allocationId) {}
}
