package org.allocd.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.allocd.errors.ErrorCode;

/** What a route answers: an HTTP status and a JSON object. */
public record ApiResponse(int status, ObjectNode body) {
    public ApiResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not a final status; use 200-599");
        }
        Objects.requireNonNull(body, "body");
    }

    public static ApiResponse ok(ObjectNode body) {
        return new ApiResponse(200, body);
    }

    /** The error shape of the whole API: {"error":"code","message":"what was wrong and how to fix it"}. */
    public static ApiResponse error(ErrorCode code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", code.code());
        body.put("message", message);
        return new ApiResponse(code.httpStatus(), body);
    }
}
