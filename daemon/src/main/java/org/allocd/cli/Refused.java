package org.allocd.cli;

/** The daemon said no, or the admin did not confirm (exit 1); nothing changed. */
final class Refused extends RuntimeException {
    Refused(String message) {
        super(message, null, false, false);
    }
}
