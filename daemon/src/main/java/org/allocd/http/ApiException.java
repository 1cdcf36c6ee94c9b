package org.allocd.http;

import org.allocd.errors.ErrorCode;

/**
 * An expected refusal that becomes a JSON error response. Carries no stack trace:
 * it reports bad input, not a bug.
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;

    /** {@code message} says what was wrong and how to fix it; it is sent to the client with the code's status. */
    public ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int status() {
        return code.httpStatus();
    }

    public ErrorCode code() {
        return code;
    }

    public ApiResponse toResponse() {
        return ApiResponse.error(code, getMessage());
    }
}
