package org.allocd.store;

/**
 * The write queue is full: the caller is refused at once instead of waiting,
 * so a slow disk turns into quick "try again" answers, never into stalled callers.
 */
public class StoreBusyException extends RuntimeException {
    public StoreBusyException(String message) {
        super(message);
    }
}
