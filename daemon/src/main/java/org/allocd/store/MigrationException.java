package org.allocd.store;

/** A schema migration is missing, malformed, changed after it was applied, or failed; the store refuses to start. */
public class MigrationException extends RuntimeException {
    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
