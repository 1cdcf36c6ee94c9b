package org.allocd.http;

/**
 * An expected refusal that becomes a JSON error response. Carries no stack trace:
 * it reports bad input, not a bug.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    /** {@code message} says what was wrong and how to fix it; it is sent to the client. */
    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ApiResponse toResponse() {
        return ApiResponse.error(status, code, getMessage());
    }
}
