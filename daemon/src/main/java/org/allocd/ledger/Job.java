package org.allocd.ledger;

/**
 * A job as the bank sees it: its account, its lien (the amount stays after the
 * lien resolves, for the record) and what it was charged and refunded.
 */
public record Job(String jobKey, long accountId, String userName, LienState lienState, long lienMicroSu,
        Long lienExpiresAtMillis, boolean charged, long chargedMicroSu, long refundedMicroSu) {
}
