package org.allocd.ledger;

/**
 * Money granted to an account for a window [startsAtMillis, endsAtMillis); endsAtMillis null
 * means no end. The pot is the account's own allocation without a window.
 */
public record Allocation(long id, long accountId, boolean pot, long amountMicroSu, long remainingMicroSu,
        long startsAtMillis, Long endsAtMillis, boolean expired) {

    /** Counts toward the balance at this instant. */
    public boolean activeAt(long nowMillis) {
        return !expired && startsAtMillis <= nowMillis && (endsAtMillis == null || endsAtMillis > nowMillis);
    }
}
