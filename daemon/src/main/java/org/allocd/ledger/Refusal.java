package org.allocd.ledger;

import org.allocd.errors.ErrorCode;

/** Why the ledger refused an operation; each is sent as its error code, which protocols and the CLI pass on. */
public enum Refusal {
    INVALID_ARGUMENT(ErrorCode.INVALID_ARGUMENT),
    UNKNOWN_ACCOUNT(ErrorCode.UNKNOWN_ACCOUNT),
    UNKNOWN_USER(ErrorCode.UNKNOWN_USER),
    UNKNOWN_JOB(ErrorCode.UNKNOWN_JOB),
    ALREADY_EXISTS(ErrorCode.ALREADY_EXISTS),
    NOT_MEMBER(ErrorCode.NOT_MEMBER),
    ACCOUNT_FROZEN(ErrorCode.ACCOUNT_FROZEN),
    ACCOUNT_CLOSED(ErrorCode.ACCOUNT_CLOSED),
    INSUFFICIENT_FUNDS(ErrorCode.INSUFFICIENT_FUNDS),
    USER_LIMIT_EXCEEDED(ErrorCode.USER_LIMIT_EXCEEDED),
    CONFLICT(ErrorCode.CONFLICT),
    KEY_REUSED(ErrorCode.KEY_REUSED);

    private final ErrorCode errorCode;

    Refusal(ErrorCode errorCode) {
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String code() {
        return errorCode.code();
    }
}
