package org.allocd.ledger;

import java.util.Optional;

/** The journal's one write, and the answers of applied operations kept by their keys. */
public interface JournalWrites {
    void appendJournal(JournalEntry entry);

    /** The stored answer of an operation already applied under this key. */
    Optional<StoredOperation> operation(String opKey);

    void recordOperation(String opKey, String fingerprint, OpResult result, long atMillis);

    /** The first answer of an operation, with what it was asked. */
    record StoredOperation(String fingerprint, OpResult result) {}
}
