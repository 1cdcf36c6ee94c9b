package org.allocd.figures;

/**
 * An allocation deposited before its window starts: its money counts from startsAtMs
 * ("not yet active" until then). endsAtMs null: no end.
 */
public record Upcoming(String account, long accountId, long allocationId, long amountMicroSu, long depositedAtMs,
        long startsAtMs, Long endsAtMs) {
}
