package org.allocd.cycle;

import java.time.ZoneId;

/**
 * A recurring grant: every period from firstStartMs (counted in zone) the
 * daemon deposits amountMicroSu into the account as an allocation for that
 * period; endsAtMs (null: none) is when the last period ends.
 */
public record Grant(long id, long accountId, long amountMicroSu, GrantPeriod period, ZoneId zone,
        long firstStartMs, Long endsAtMs, CarryOver carryOver, String note, boolean deleted) {

    public long periodStartMs(long index) {
        return period.startMs(firstStartMs, zone, index);
    }

    /** Whether period index starts before the grant's end (every period does without an end). */
    public boolean hasPeriod(long index) {
        return endsAtMs == null || periodStartMs(index) < endsAtMs;
    }

    /** The period ends where the next starts, or at the grant's end if that comes first. */
    public long periodEndMs(long index) {
        long next = periodStartMs(index + 1);
        return endsAtMs == null ? next : Math.min(next, endsAtMs);
    }

    /** One period's allocation, as grant_periods records it. */
    public record Period(long grantId, long index, long startMs, long allocationId) {}
}
