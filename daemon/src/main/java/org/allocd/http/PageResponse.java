package org.allocd.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A page's answer: status, content type, body and extra headers (Set-Cookie may come more than once). With
 * {@code rest} the body is only its first chunk, sent chunked, and {@code rest} makes the others.
 */
public record PageResponse(int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers,
        ChunkedBody rest) {
    public PageResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = List.copyOf(headers);
    }

    public PageResponse(int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers) {
        this(status, contentType, body, headers, null);
    }
}
