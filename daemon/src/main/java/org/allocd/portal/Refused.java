package org.allocd.portal;

/** A page that cannot be shown: its HTTP status and why, in words for the person; expected, so no stack trace. */
final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
