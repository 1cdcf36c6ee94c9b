package org.allocd.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per connection. Answers requests one at a time and in the order they came
 * (HTTP/1.1 pipelining requires it), and stops reading while a route is running so a
 * client cannot pile up work.
 */
final class HttpApiHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);

    private final ApiDispatcher dispatcher;
    private final HttpMetrics metrics;
    /** Requests already read but not yet answered; touched only on this channel's event loop. */
    private final Queue<Incoming> waiting = new ArrayDeque<>();
    private boolean inFlight;
    private boolean draining;
    private boolean closing;

    HttpApiHandler(ApiDispatcher dispatcher, HttpMetrics metrics) {
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request) {
            try {
                waiting.add(Incoming.of(request, ctx.channel().remoteAddress()));
            } finally {
                ReferenceCountUtil.release(request);
            }
        } else if (msg instanceof Incoming refused) {
            waiting.add(refused);
        } else {
            ctx.fireChannelRead(msg);
            return;
        }
        drain(ctx);
    }

    private void drain(ChannelHandlerContext ctx) {
        draining = true;
        try {
            while (!inFlight && !closing && !waiting.isEmpty()) {
                Incoming in = waiting.poll();
                inFlight = true;
                dispatcher.dispatch(in, (label, response) -> answer(ctx, in, label, response));
            }
        } finally {
            draining = false;
        }
        ctx.channel().config().setAutoRead(!inFlight);
    }

    /** Called by the dispatcher on any thread; the write happens on this channel's event loop. */
    private void answer(ChannelHandlerContext ctx, Incoming in, String label, FullHttpResponse response) {
        if (ctx.executor().inEventLoop()) {
            write(ctx, in, label, response);
            return;
        }
        try {
            ctx.executor().execute(() -> write(ctx, in, label, response));
        } catch (RejectedExecutionException serverClosing) {
            response.release();
        }
    }

    private void write(ChannelHandlerContext ctx, Incoming in, String label, FullHttpResponse response) {
        metrics.record(label, response.status().code(), in.startNanos());
        HttpUtil.setKeepAlive(response, in.keepAlive());
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!in.keepAlive()) {
            closing = true;
            waiting.clear();
            written.addListener(ChannelFutureListener.CLOSE);
        }
        inFlight = false;
        if (!draining) {
            drain(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && !inFlight) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and half-closed sockets are the client's business, not an error of ours.
        log.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
