package org.allocd.store;

/**
 * The database could not do what was asked (disk full, file read-only, locked,
 * closed, broken SQL). The message says what happened; for a write it also says
 * that nothing was written, so the caller may safely retry the same operation.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
