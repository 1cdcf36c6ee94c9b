package org.allocd.server;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/** What one server's connections share: the config, the codec and the counts that bound them. */
final class ServerState {
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
}
