package org.allocd.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.allocd.errors.ErrorCode;

/**
 * A request copied off its Netty buffers, so it can wait in a queue and cross threads
 * without reference counting.
 *
 * @param uri      the request target exactly as sent: what the signature covers
 * @param refusal  set when the request was refused before routing (unparseable, too large)
 * @param headers  every header, for the pages (cookies, language, a trusted proxy's user)
 * @param peer     the client's address; null for a refused request
 */
record Incoming(String method, String uri, String keyId, String timestamp, String signature, byte[] body,
                boolean keepAlive, long startNanos, String remote, ApiException refusal, HttpHeaders headers,
                InetAddress peer) {

    static Incoming of(FullHttpRequest request, SocketAddress peerAddress) {
        String remote = String.valueOf(peerAddress);
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            // The stream may be out of step after a parse error, so the connection is closed.
            return refused(request, false, remote, new ApiException(ErrorCode.BAD_HTTP,
                    "the request is not valid HTTP/1.1 (" + cause.getMessage() + "); check the request line and headers"));
        }
        HttpHeaders headers = request.headers();
        return new Incoming(request.method().name(), request.uri(),
                headers.get(Authenticator.KEY_HEADER), headers.get(Authenticator.TIMESTAMP_HEADER),
                headers.get(Authenticator.SIGNATURE_HEADER), ByteBufUtil.getBytes(request.content()),
                HttpUtil.isKeepAlive(request), System.nanoTime(), remote, null, headers.copy(),
                peerAddress instanceof InetSocketAddress inet ? inet.getAddress() : null);
    }

    static Incoming refused(HttpRequest request, boolean keepAlive, String remote, ApiException refusal) {
        return new Incoming(request.method().name(), request.uri(), null, null, null, new byte[0],
                keepAlive, System.nanoTime(), remote, refusal, EmptyHttpHeaders.INSTANCE, null);
    }

    /** The path part of the request target, without the query. */
    String rawPath() {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
