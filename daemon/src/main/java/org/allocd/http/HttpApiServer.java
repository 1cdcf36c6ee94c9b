package org.allocd.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.allocd.metrics.MetricsRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP JSON API on TCP: {@code GET /healthz} and {@code GET /metrics} open to anyone
 * who can reach the port (meant for localhost or an ops network), and signed requests
 * under {@code /v1/} routed through an {@link ApiRouter}. See docs/http-api.md.
 */
public final class HttpApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApiServer.class);

    /** Requests of this API are small JSON documents; anything bigger is a mistake or an attack. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** A connection with no traffic either way for this long is closed, so idle clients cannot hold sockets forever. */
    static final int IDLE_CLOSE_SECONDS = 120;

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpApiServer(EventLoopGroup group, Channel serverChannel) {
        this.group = group;
        this.serverChannel = serverChannel;
    }

    /**
     * Binds and starts serving.
     *
     * @param routeExecutor runs the routes, which may block; give it a bounded queue and a
     *                      rejecting policy (e.g. ThreadPoolExecutor with ArrayBlockingQueue and
     *                      AbortPolicy): a rejected request is answered 503 busy. The caller owns
     *                      and shuts it down.
     * @param health        answers /healthz on a network thread; must not block
     * @param clock         the server clock signatures' timestamps are checked against
     * @param pages         answers every other path (the web portal); null: those are 404
     * @throws IOException  when the address cannot be bound (in use, not local, no permission)
     */
    public static HttpApiServer start(HttpApiConfig config, ApiRouter router, ApiKeys keys, HealthCheck health,
                                      MetricsRegistry metrics, Executor routeExecutor, Clock clock, PageHandler pages)
            throws IOException {
        Epoll.ensureAvailability();
        ReplayCache replayCache = new ReplayCache(config.replayCacheMaxEntries());
        metrics.gauge("allocd_http_replay_cache_entries",
                "Request signatures remembered to refuse replays (limit set by replayCacheMaxEntries).", replayCache::size);
        HttpMetrics httpMetrics = new HttpMetrics(metrics);
        ApiDispatcher dispatcher = new ApiDispatcher(router, new Authenticator(keys, replayCache, clock), health, metrics,
                routeExecutor, config.routeTimeoutMillis(), pages);
        HttpDecoderConfig decoderConfig = new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES);

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.ioThreads(), EpollIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new IdleStateHandler(0, 0, IDLE_CLOSE_SECONDS),
                                new HttpServerCodec(decoderConfig),
                                new BodyLimitAggregator(MAX_BODY_BYTES),
                                new HttpApiHandler(dispatcher, httpMetrics));
                    }
                });
        ChannelFuture bound = bootstrap.bind(config.bindHost(), config.port()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
            throw new IOException("cannot listen for the HTTP API on " + config.bindHost() + ":" + config.port() + ": "
                    + bound.cause().getMessage() + "; choose a free port and an address of this host", bound.cause());
        }
        HttpApiServer server = new HttpApiServer(group, bound.channel());
        log.info("HTTP API listening on {} with {} API keys from {}", server.localAddress(), keys.size(), keys.file());
        return server;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The bound port: the configured one, or the one the system picked for port 0. */
    public int port() {
        return localAddress().getPort();
    }

    /** Stops accepting, closes every connection and stops the network threads. Routes still running finish unanswered. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("HTTP API stopped");
    }
}
