package org.allocd.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import org.allocd.errors.ErrorCode;

/**
 * Netty's aggregator with the API's own 413: instead of Netty's empty response, an
 * oversized request goes on to the handler as a refused {@link Incoming}, so it is
 * answered in JSON, in order, and counted like any other request.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
    BodyLimitAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        // Too large with "Expect: 100-continue": answer in handleOversizedMessage, not with Netty's bare 413.
        if (isContentLengthInvalid(start, maxContentLength)) {
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        HttpRequest request = (HttpRequest) oversized; // a server only receives requests
        // As Netty does: keep the connection (and skip the rest of the body) only when the
        // client can still read our answer; once a full message was read there is no such point.
        boolean keepAlive = !(oversized instanceof FullHttpMessage)
                && (HttpUtil.is100ContinueExpected(request) || HttpUtil.isKeepAlive(request));
        ctx.fireChannelRead(Incoming.refused(request, keepAlive, String.valueOf(ctx.channel().remoteAddress()),
                new ApiException(ErrorCode.BODY_TOO_LARGE, "the request body is larger than " + maxContentLength()
                        + " bytes, the limit of this API; send less data per request")));
    }
}
