package org.allocd.figures;

/**
 * An allocation deposited before its window starts: its money counts from startsAtMillis
 * ("not yet active" until then). endsAtMillis null: no end.
 */
public record Upcoming(String account, long accountId, long allocationId, long amountMicroSu, long depositedAtMillis,
        long startsAtMillis, Long endsAtMillis) {
}
