package org.allocd.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.UncheckedIOException;

/** Builds the Netty responses of the API. */
final class HttpResponses {
    static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

    private HttpResponses() {}

    static FullHttpResponse json(ApiResponse response) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(response.body());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a JSON tree as bytes", e);
        }
        return bytes(response.status(), JSON_CONTENT_TYPE, body);
    }

    static FullHttpResponse bytes(int status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }
}
