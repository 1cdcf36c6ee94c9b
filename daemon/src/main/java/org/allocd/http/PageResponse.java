package org.allocd.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A page's answer: status, content type, body and extra headers (Set-Cookie may come more than once). */
public record PageResponse(int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers) {
    public PageResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = List.copyOf(headers);
    }
}
