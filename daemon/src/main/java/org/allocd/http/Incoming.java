package org.allocd.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.allocd.errors.ErrorCode;

/**
 * A request copied off its Netty buffers, so it can wait in a queue and cross threads
 * without reference counting.
 *
 * @param uri      the request target exactly as sent: what the signature covers
 * @param headers  the headers the API reads (names in lower case), each once
 * @param refusal  set when the request was refused before routing (unparseable, too large)
 */
record Incoming(String method, String uri, Map<String, String> headers, byte[] body,
                boolean keepAlive, long startNanos, String remote, ApiException refusal) {
    static final String ACT_AS_HEADER = "act-as";
    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** Only these are copied: the rest of a request's headers mean nothing to the API. */
    private static final List<String> READ_HEADERS = List.of(Authenticator.KEY_HEADER, Authenticator.TIMESTAMP_HEADER,
            Authenticator.SIGNATURE_HEADER, Authenticator.PATH_KEY_HEADER, Authenticator.PATH_TIMESTAMP_HEADER,
            Authenticator.PATH_SIGNATURE_HEADER, ACT_AS_HEADER, IDEMPOTENCY_KEY_HEADER);

    static Incoming of(FullHttpRequest request, String remote) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            // The stream may be out of step after a parse error, so the connection is closed.
            return refused(request, false, remote, new ApiException(ErrorCode.BAD_HTTP,
                    "the request is not valid HTTP/1.1 (" + cause.getMessage() + "); check the request line and headers"));
        }
        HttpHeaders headers = request.headers();
        Map<String, String> read = new HashMap<>();
        for (String name : READ_HEADERS) {
            String value = headers.get(name);
            if (value != null) {
                read.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        return new Incoming(request.method().name(), request.uri(), Map.copyOf(read),
                ByteBufUtil.getBytes(request.content()), HttpUtil.isKeepAlive(request), System.nanoTime(), remote, null);
    }

    static Incoming refused(HttpRequest request, boolean keepAlive, String remote, ApiException refusal) {
        return new Incoming(request.method().name(), request.uri(), Map.of(), new byte[0],
                keepAlive, System.nanoTime(), remote, refusal);
    }

    /** A header the API reads, or null when the request has none. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The path part of the request target, without the query. */
    String rawPath() {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
