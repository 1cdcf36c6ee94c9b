package org.allocd.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
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
    /** A chunk of a chunked answer is waiting for the client to read; touched only on the event loop. */
    private boolean chunkUnwritten;

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
                dispatcher.dispatch(in, new ApiDispatcher.ResponseSink() {
                    @Override
                    public void send(String label, FullHttpResponse response) {
                        answer(ctx, in, label, response);
                    }

                    @Override
                    public void stream(String label, HttpResponse head, byte[] first, ChunkedBody rest) {
                        onLoop(ctx, () -> startStream(ctx, in, label, head, first, rest), rest::abandon);
                    }
                });
            }
        } finally {
            draining = false;
        }
        ctx.channel().config().setAutoRead(!inFlight);
    }

    /** Called by the dispatcher on any thread; the write happens on this channel's event loop. */
    private void answer(ChannelHandlerContext ctx, Incoming in, String label, FullHttpResponse response) {
        onLoop(ctx, () -> write(ctx, in, label, response), response::release);
    }

    private void write(ChannelHandlerContext ctx, Incoming in, String label, FullHttpResponse response) {
        metrics.record(label, response.status().code(), in.startNanos());
        HttpUtil.setKeepAlive(response, in.keepAlive());
        answered(ctx, in, ctx.writeAndFlush(response));
    }

    /** Runs the task on this channel's event loop; when the server is closing, runs ifClosing instead. */
    private static void onLoop(ChannelHandlerContext ctx, Runnable task, Runnable ifClosing) {
        if (ctx.executor().inEventLoop()) {
            task.run();
            return;
        }
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException serverClosing) {
            ifClosing.run();
        }
    }

    private void startStream(ChannelHandlerContext ctx, Incoming in, String label, HttpResponse head, byte[] first,
            ChunkedBody rest) {
        metrics.record(label, head.status().code(), in.startNanos());
        HttpUtil.setKeepAlive(head, in.keepAlive());
        ctx.write(head);
        sendChunk(ctx, in, first, rest);
    }

    /**
     * Writes one chunk and asks for the next only once it has gone out, so a slow client holds one chunk, not
     * the body. A client that went away (the write fails) stops the body; a body that fails closes the
     * connection, so the client sees a cut transfer rather than a complete-looking file.
     */
    private void sendChunk(ChannelHandlerContext ctx, Incoming in, byte[] chunk, ChunkedBody rest) {
        chunkUnwritten = true;
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk))).addListener(written -> {
            chunkUnwritten = false;
            if (!written.isSuccess()) {
                rest.abandon();
                ctx.close();
                return;
            }
            rest.next().whenComplete((next, failure) -> onLoop(ctx, () -> {
                if (failure != null) {
                    log.warn("a chunked answer to {} {} failed after it began: {}", in.method(), in.rawPath(),
                            failure.toString());
                    rest.abandon();
                    ctx.close();
                } else if (next == null) {
                    answered(ctx, in, ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
                } else {
                    sendChunk(ctx, in, next, rest);
                }
            }, rest::abandon));
        });
    }

    /** The answer to in is written (or being written): the next request may go. */
    private void answered(ChannelHandlerContext ctx, Incoming in, ChannelFuture written) {
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
        // A chunk unwritten this long: the client stopped reading a download.
        if (event instanceof IdleStateEvent && (!inFlight || chunkUnwritten)) {
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
