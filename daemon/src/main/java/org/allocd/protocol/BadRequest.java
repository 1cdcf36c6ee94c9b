package org.allocd.protocol;

/** A request whose fields are missing or malformed; expected, so no stack trace. */
public final class BadRequest extends RuntimeException {
    public BadRequest(String message) {
        super(message, null, false, false);
    }
}
