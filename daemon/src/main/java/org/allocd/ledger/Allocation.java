package org.allocd.ledger;

/**
 * Money granted to an account for a window [startsAtMs, endsAtMs); endsAtMs null
 * means no end. The pot is the account's own allocation without a window.
 */
public record Allocation(long id, long accountId, boolean pot, long amountMicroSu, long remainingMicroSu,
        long startsAtMs, Long endsAtMs, boolean expired) {

    /** Counts toward the balance at this instant. */
    public boolean activeAt(long nowMs) {
        return !expired && startsAtMs <= nowMs && (endsAtMs == null || endsAtMs > nowMs);
    }
}
