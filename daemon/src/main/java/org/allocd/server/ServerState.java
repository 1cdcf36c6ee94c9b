package org.allocd.server;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What one server's connections share: the config, the codec and the counts that bound them. */
final class ServerState {
    private static final long DRAIN_POLL_MILLIS = 10;
    final SocketConfig config;
    final RequestHandler handler;
    final JsonCodec codec;
    /** Accepted peers only, so close() can end them. */
    final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    final AtomicInteger connections = new AtomicInteger();
    /** Requests whose answer is not yet written, over all connections; close() waits for zero. */
    final AtomicInteger inFlight = new AtomicInteger();
    volatile boolean draining;

    ServerState(SocketConfig config, RequestHandler handler) {
        this.config = config;
        this.handler = handler;
        this.codec = new JsonCodec(config.maxPayloadBytes());
    }

    /**
     * Stops accepting, lets requests in flight finish for up to the drain time (new ones are answered
     * "shutting_down"), then closes every connection; returns how many requests were abandoned.
     */
    int drain(Channel serverChannel, long socketOpTimeoutMillis) {
        draining = true;
        serverChannel.close().awaitUninterruptibly(socketOpTimeoutMillis);
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.drainTimeoutMillis());
        while (inFlight.get() > 0 && System.nanoTime() - deadlineNanos < 0) {
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int abandoned = inFlight.get();
        channels.close().awaitUninterruptibly(socketOpTimeoutMillis);
        return abandoned;
    }
}
