package org.allocd.report;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import org.allocd.ledger.Account;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.MicroSu;

/**
 * Burn-rate forecast: when an account's available money runs out if it keeps being charged at the
 * rate of the last window (its whole subtree's charges less refunds). Too little use in the window
 * (less than a hundredth of what is available) gives no date: a rate from a few SU would put the
 * date decades away. A date after the allocations' end is said as such, never as a date.
 */
public final class Forecast {
    public static final long DAY_MILLIS = 86_400_000L;
    /** Use in the window below available / this is too little to forecast from (at most 100 windows ahead). */
    static final long MIN_USE_DIVISOR = 100;

    private Forecast() {}

    /**
     * What the balance view says: the window, what was charged in it, the run-out instant (null when there
     * is none to give) and the sentence a person reads. allocationEndMillis: when the account's active
     * allocations end (null: one has no end).
     */
    public record Outlook(long windowDays, long chargedMicroSu, Long runoutAtMillis, Long allocationEndMillis, String text) {}

    public static Outlook outlook(LedgerView view, Account root, long availableMicroSu, long nowMillis, long windowDays) {
        long charged = chargedInWindow(view, root.id(), nowMillis, windowDays);
        Long end = allocationEndMillis(view, root, nowMillis);
        String rate = "the last " + windowDays + " days";
        Long runout = runoutMillis(availableMicroSu, charged, windowDays * DAY_MILLIS, nowMillis);
        if (availableMicroSu <= 0) {
            return new Outlook(windowDays, charged, nowMillis, end, "nothing is available now");
        }
        if (runout == null) {
            return new Outlook(windowDays, charged, null, end, "not enough use in " + rate + " to forecast");
        }
        String perDay = MicroSu.format(charged / windowDays);
        if (end != null && runout >= end) {
            return new Outlook(windowDays, charged, null, end, "at the rate of " + rate + " (" + perDay
                    + " SU a day) funds last past the allocation's end on " + day(end));
        }
        return new Outlook(windowDays, charged, runout, end, "at the rate of " + rate + " (" + perDay
                + " SU a day) funds run out on " + day(runout));
    }

    /** The instant the account runs out, or null when it burns too little to say. */
    public static Long runoutMillis(LedgerView view, long accountId, long availableMicroSu, long nowMillis, long windowDays) {
        return runoutMillis(availableMicroSu, chargedInWindow(view, accountId, nowMillis, windowDays), windowDays * DAY_MILLIS,
                nowMillis);
    }

    /**
     * now + available / (charged / window). Exact integer arithmetic, rounded down: the forecast never
     * says later than the rate gives. Nothing available: now. Too little use: null.
     */
    public static Long runoutMillis(long availableMicroSu, long chargedMicroSu, long windowMillis, long nowMillis) {
        if (chargedMicroSu <= 0) {
            return null;
        }
        if (availableMicroSu <= 0) {
            return nowMillis;
        }
        if (BigInteger.valueOf(chargedMicroSu).multiply(BigInteger.valueOf(MIN_USE_DIVISOR))
                .compareTo(BigInteger.valueOf(availableMicroSu)) < 0) {
            return null;
        }
        BigInteger leftMillis = BigInteger.valueOf(availableMicroSu).multiply(BigInteger.valueOf(windowMillis))
                .divide(BigInteger.valueOf(chargedMicroSu));
        return leftMillis.add(BigInteger.valueOf(nowMillis)).longValueExact();
    }

    private static long chargedInWindow(LedgerView view, long accountId, long nowMillis, long windowDays) {
        // The window includes this very millisecond: a charge booked now counts.
        return view.chargedOfSubtreeMicroSu(accountId, nowMillis - windowDays * DAY_MILLIS, nowMillis + 1);
    }

    /** The latest end of the subtree's active allocations; null when one has no end or none is active. */
    static Long allocationEndMillis(LedgerView view, Account root, long nowMillis) {
        Long end = null;
        for (Account a : view.subtree(root.id())) {
            for (Allocation al : view.allocations(a.id())) {
                if (al.pot() || !al.activeAt(nowMillis)) {
                    continue;
                }
                if (al.endsAtMillis() == null) {
                    return null;
                }
                end = end == null ? al.endsAtMillis() : Math.max(end, al.endsAtMillis());
            }
        }
        return end;
    }

    static String day(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
