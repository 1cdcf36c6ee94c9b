package org.allocd.http;

/** The keys file was refused; the message names the file, the line and the fix. */
public final class ApiKeysException extends Exception {
    public ApiKeysException(String message) {
        super(message);
    }

    public ApiKeysException(String message, Throwable cause) {
        super(message, cause);
    }
}
