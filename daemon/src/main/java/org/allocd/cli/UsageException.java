package org.allocd.cli;

/** The command line is wrong (exit 2); the message says what and how to write it. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
