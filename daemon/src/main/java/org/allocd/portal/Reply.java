package org.allocd.portal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allocd.http.ChunkedBody;
import org.allocd.http.PageResponse;

/** Builds the portal's responses, each with the headers that keep a page in its own origin and out of caches. */
final class Reply {
    static final String HTML = "text/html; charset=utf-8";
    /** No script runs on any page; styles and images come only from this site. */
    private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private Reply() {}

    static PageResponse page(int status, Html html, List<Map.Entry<String, String>> extraHeaders) {
        return bytes(status, HTML, Html.document(html).getBytes(StandardCharsets.UTF_8), extraHeaders);
    }

    static PageResponse redirect(String location, List<Map.Entry<String, String>> extraHeaders) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(extraHeaders);
        headers.add(Map.entry("Location", location));
        return bytes(303, "text/plain; charset=utf-8", new byte[0], headers);
    }

    static PageResponse bytes(int status, String contentType, byte[] body, List<Map.Entry<String, String>> extraHeaders) {
        return chunked(status, contentType, body, extraHeaders, null);
    }

    /** A response whose body is first, then what rest makes (null: first is all of it). */
    static PageResponse chunked(int status, String contentType, byte[] first, List<Map.Entry<String, String>> extraHeaders,
            ChunkedBody rest) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(extraHeaders);
        headers.add(Map.entry("Content-Security-Policy", POLICY));
        headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
        // Login links carry their token in the address: never hand it on to another site.
        headers.add(Map.entry("Referrer-Policy", "no-referrer"));
        headers.add(Map.entry("Cache-Control", "no-store"));
        return new PageResponse(status, contentType, first, headers, rest);
    }
}
