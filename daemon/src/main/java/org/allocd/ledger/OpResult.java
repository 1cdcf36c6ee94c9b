package org.allocd.ledger;

/**
 * The answer to an operation. Sent again with the same key, an operation
 * returns the first answer with replayed = true and changes nothing.
 */
public record OpResult(String opKey, long amountMicroSu, String detail, boolean replayed) {

    public OpResult asReplay() {
        return new OpResult(opKey, amountMicroSu, detail, true);
    }
}
