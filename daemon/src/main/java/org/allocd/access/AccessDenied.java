package org.allocd.access;

/** The caller lacks the role a request needs; expected, so no stack trace. */
public final class AccessDenied extends RuntimeException {
    public AccessDenied(String message) {
        super(message, null, false, false);
    }
}
