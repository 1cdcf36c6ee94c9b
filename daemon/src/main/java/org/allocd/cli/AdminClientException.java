package org.allocd.cli;

/** No answer from the daemon (not running, timed out, broken frame); expected, so no stack trace. */
public final class AdminClientException extends RuntimeException {
    public AdminClientException(String message) {
        super(message, null, false, false);
    }
}
