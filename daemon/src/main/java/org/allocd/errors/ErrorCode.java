package org.allocd.errors;

import java.util.Locale;

/**
 * Every value an answer's "error" field can take, the one list: the sockets' transport, the handlers',
 * the ledger's refusals and the HTTP API's own. The C hooks read the same list from
 * slurm-hooks/allocd_errors.h (a test keeps the two equal). The HTTP API answers each with its status.
 */
public enum ErrorCode {
    /** The frame header was wrong; the server closes the connection after saying so. */
    BAD_FRAME(400),
    /** The payload or a field was not what the op takes; the message names the field. */
    BAD_REQUEST(400),
    /** Too many requests in flight (on the connection or the work queue); retry shortly. */
    BUSY(503),
    /** The handler failed; the request may or may not have taken effect. */
    INTERNAL(500),
    /** The caller lacks the role the op needs, or may not use this socket. */
    FORBIDDEN(403),
    /** The daemon is stopping and takes no new requests. */
    SHUTTING_DOWN(503),
    /** The database cannot be reached; nothing was written. */
    STORE_UNAVAILABLE(503),
    INVALID_ARGUMENT(400),
    UNKNOWN_ACCOUNT(404),
    UNKNOWN_USER(404),
    UNKNOWN_JOB(404),
    ALREADY_EXISTS(409),
    NOT_MEMBER(409),
    ACCOUNT_FROZEN(409),
    ACCOUNT_CLOSED(409),
    INSUFFICIENT_FUNDS(409),
    USER_LIMIT_EXCEEDED(409),
    CONFLICT(409),
    KEY_REUSED(409),

    // The TCP door's own (docs/protocol.md): the MUNGE credential.
    /** munged refused the credential, or it was made for other bytes. */
    UNAUTHENTICATED(401),
    /** allocd cannot ask munged now; retry. */
    UNAVAILABLE(503),
    /** One host sends more requests than the door takes from it; slow down. */
    RATE_LIMITED(429),

    // The HTTP API's own (docs/http-api.md).
    BAD_HTTP(400),
    BAD_JSON(400),
    BAD_REQUEST_TARGET(400),
    BAD_SIGNATURE(401),
    BAD_TIMESTAMP(401),
    BODY_TOO_LARGE(413),
    METHOD_NOT_ALLOWED(405),
    MISSING_AUTH_HEADERS(401),
    NOT_FOUND(404),
    REPLAY_CACHE_FULL(503),
    REPLAYED_REQUEST(401),
    ROUTE_TIMEOUT(503),
    STALE_TIMESTAMP(401),
    UNKNOWN_KEY(401);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The code as it is sent: the constant's name in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The constant of a code as sent, or INTERNAL for one allocd never sends. */
    public static ErrorCode of(String code) {
        for (ErrorCode c : values()) {
            if (c.code().equals(code)) {
                return c;
            }
        }
        return INTERNAL;
    }
}
