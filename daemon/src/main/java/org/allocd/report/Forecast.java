package org.allocd.report;

import java.math.BigInteger;
import org.allocd.ledger.LedgerView;

/**
 * Burn-rate forecast: when an account's available money runs out if it keeps
 * being charged at the rate of the last window (its whole subtree's charges
 * less refunds). No charges in the window: no forecast.
 */
public final class Forecast {
    public static final long DAY_MS = 86_400_000L;

    private Forecast() {}

    /** The instant the account runs out, or null when it burns nothing. */
    public static Long runoutMs(LedgerView view, long accountId, long availableMicroSu, long nowMs, long windowDays) {
        long windowMs = windowDays * DAY_MS;
        // The window includes this very millisecond: a charge booked now counts.
        return runoutMs(availableMicroSu, view.chargedOfSubtreeMicroSu(accountId, nowMs - windowMs, nowMs + 1), windowMs,
                nowMs);
    }

    /**
     * now + available / (charged / window). Exact integer arithmetic, rounded
     * down: the forecast never says later than the rate gives. Nothing available: now.
     */
    public static Long runoutMs(long availableMicroSu, long chargedMicroSu, long windowMs, long nowMs) {
        if (chargedMicroSu <= 0) {
            return null;
        }
        if (availableMicroSu <= 0) {
            return nowMs;
        }
        BigInteger leftMs = BigInteger.valueOf(availableMicroSu).multiply(BigInteger.valueOf(windowMs))
                .divide(BigInteger.valueOf(chargedMicroSu));
        BigInteger at = leftMs.add(BigInteger.valueOf(nowMs));
        // Beyond year 10000 is "never" for any reader of the date.
        return at.compareTo(BigInteger.valueOf(MAX_MS)) > 0 ? null : at.longValueExact();
    }

    private static final long MAX_MS = 253_402_300_800_000L;
}
