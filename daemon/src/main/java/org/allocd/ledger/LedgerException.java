package org.allocd.ledger;

/**
 * An operation the ledger refused. Expected, so it carries no stack trace: the
 * message says what was wrong and how to fix it, and nothing was changed.
 */
public final class LedgerException extends RuntimeException {
    private final Refusal refusal;

    public LedgerException(Refusal refusal, String message) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
