package org.allocd.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A unix domain socket speaking the framed JSON protocol of docs/protocol.md, handing each request to
 * a {@link RequestHandler}. Several servers may share one event loop group; the caller owns the group.
 */
public final class UnixSocketServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnixSocketServer.class);
    /** Binding and closing sockets are local and quick; this only guards against a wedged event loop. */
    private static final long SOCKET_OP_TIMEOUT_MILLIS = 5_000;
    /** Past the high mark a connection stops reading until the client has read its answers. */
    private static final WriteBufferWaterMark ANSWER_BUFFER = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private final ServerState state;
    private final Channel serverChannel;
    private final Object socketFileKey;
    private boolean closed;

    private UnixSocketServer(ServerState state, Channel serverChannel, Object socketFileKey) {
        this.state = state;
        this.serverChannel = serverChannel;
        this.socketFileKey = socketFileKey;
    }

    /**
     * Binds {@code config.path()} and starts serving. Creates the parent directory if missing, replaces
     * a stale socket file, and refuses if another process listens there or the path is not a socket.
     */
    public static UnixSocketServer start(SocketConfig config, RequestHandler handler, EventLoopGroup group)
            throws IOException {
        Epoll.ensureAvailability();
        String name = config.name();
        Path path = config.path();
        Files.createDirectories(path.getParent());
        SocketFile.clearStale(name, path);
        Path bindPath = SocketFile.bindingPath(path);
        Files.deleteIfExists(bindPath);

        ServerState state = new ServerState(config, handler);
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(EpollServerDomainSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, ANSWER_BUFFER)
                .childHandler(new ConnectionGate(state))
                .bind(new DomainSocketAddress(bindPath.toString()));
        if (!bound.awaitUninterruptibly(SOCKET_OP_TIMEOUT_MILLIS) || !bound.isSuccess()) {
            bound.channel().close();
            throw new IOException(name + " socket: cannot bind " + bindPath + ": "
                    + (bound.cause() == null ? "timed out" : bound.cause().getMessage()));
        }
        Object fileKey;
        try {
            SocketFile.setModeAndGroup(name, bindPath, config.fileMode(), config.group());
            fileKey = SocketFile.publish(name, bindPath, path);
        } catch (IOException e) {
            bound.channel().close().awaitUninterruptibly(SOCKET_OP_TIMEOUT_MILLIS);
            throw e;
        }
        log.info("{} socket listening on {} (mode {}, group {}, max payload {} bytes)", name, path,
                PosixFilePermissions.toString(config.fileMode()), config.group().orElse("unchanged"),
                config.maxPayloadBytes());
        return new UnixSocketServer(state, bound.channel(), fileKey);
    }

    /**
     * Stops accepting, answers new requests on open connections with "shutting_down", waits up to the
     * configured drain time for requests in flight, then closes every connection and removes the
     * socket file. Must not be called from an event loop thread.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        String name = state.config.name();
        int abandoned = state.drain(serverChannel, SOCKET_OP_TIMEOUT_MILLIS);
        SocketFile.removeIfOurs(name, state.config.path(), socketFileKey);
        if (abandoned > 0) {
            log.warn("{} socket closed; {} requests were still in flight after {} ms", name, abandoned,
                    state.config.drainTimeoutMillis());
        } else {
            log.info("{} socket closed", name);
        }
    }
}
