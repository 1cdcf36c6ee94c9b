package org.allocd.ledger;

/** Why the ledger refused an operation; stable codes that protocols and the CLI pass on. */
public enum Refusal {
    INVALID_ARGUMENT,
    UNKNOWN_ACCOUNT,
    UNKNOWN_USER,
    UNKNOWN_JOB,
    ALREADY_EXISTS,
    NOT_MEMBER,
    ACCOUNT_FROZEN,
    ACCOUNT_CLOSED,
    INSUFFICIENT_FUNDS,
    USER_LIMIT_EXCEEDED,
    CONFLICT,
    KEY_REUSED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
