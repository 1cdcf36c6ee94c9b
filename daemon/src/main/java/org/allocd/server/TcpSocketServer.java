package org.allocd.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP port speaking the same framed JSON protocol, limits and pipeline as {@link UnixSocketServer}.
 * The kernel vouches for no uid here: its {@link RequestHandler} must authenticate every request itself.
 */
public final class TcpSocketServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpSocketServer.class);
    private static final long SOCKET_OP_TIMEOUT_MILLIS = 5_000;
    private static final WriteBufferWaterMark ANSWER_BUFFER = new WriteBufferWaterMark(32 * 1024, 64 * 1024);
    /** Connections the kernel queues before accept; beyond it clients wait in SYN retries, not in allocd. */
    private static final int ACCEPT_BACKLOG = 256;

    private final ServerState state;
    private final Channel serverChannel;
    private boolean closed;

    private TcpSocketServer(ServerState state, Channel serverChannel) {
        this.state = state;
        this.serverChannel = serverChannel;
    }

    /** Binds host:port ("*" or "0.0.0.0" for every address; port 0 picks a free one) and starts serving. */
    public static TcpSocketServer start(SocketConfig config, String host, int port, RequestHandler handler,
            EventLoopGroup group) throws IOException {
        Epoll.ensureAvailability();
        ServerState state = new ServerState(config, handler);
        InetSocketAddress address = host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, ACCEPT_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, ANSWER_BUFFER)
                .childHandler(new ConnectionGate(state))
                .bind(address);
        if (!bound.awaitUninterruptibly(SOCKET_OP_TIMEOUT_MILLIS) || !bound.isSuccess()) {
            bound.channel().close();
            throw new IOException(config.name() + " door: cannot listen on " + host + ":" + port + ": "
                    + (bound.cause() == null ? "timed out" : bound.cause().getMessage()));
        }
        TcpSocketServer server = new TcpSocketServer(state, bound.channel());
        log.info("{} door listening on TCP {}:{} (max {} connections, max payload {} bytes)", config.name(),
                host, server.port(), config.maxConnections(), config.maxPayloadBytes());
        return server;
    }

    /** The bound port (tests bind port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** As {@link UnixSocketServer#close()}: drain, then close every connection. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        int abandoned = state.drain(serverChannel, SOCKET_OP_TIMEOUT_MILLIS);
        if (abandoned > 0) {
            log.warn("{} door closed; {} requests were still in flight", state.config.name(), abandoned);
        } else {
            log.info("{} door closed", state.config.name());
        }
    }
}
