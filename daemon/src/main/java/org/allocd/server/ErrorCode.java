package org.allocd.server;

/** The transport's values of an answer's "error" field; handlers add their own codes. */
enum ErrorCode {
    /** The header was wrong; the server closes the connection after saying so. */
    BAD_FRAME("bad_frame"),
    /** The payload was not one JSON object with a valid "id"; the connection stays open. */
    BAD_REQUEST("bad_request"),
    /** Too many requests in flight on this connection; retry after reading some answers. */
    BUSY("busy"),
    /** The handler failed; the request may or may not have taken effect. */
    INTERNAL("internal"),
    /** The peer's uid may not use this socket; the server closes the connection. */
    FORBIDDEN("forbidden"),
    /** The daemon is stopping and takes no new requests. */
    SHUTTING_DOWN("shutting_down");

    final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }
}
