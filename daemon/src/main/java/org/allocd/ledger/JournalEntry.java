package org.allocd.ledger;

/** One append-only journal line; hash covers every field and the previous hash. */
public record JournalEntry(long id, long atMillis, JournalKind kind, Long accountId, Long allocationId,
        String userName, String jobKey, long amountMicroSu, String actor, String note, String opKey,
        String prevHash, String hash) {
}
