package org.allocd.remote;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.allocd.config.HttpListen;
import org.allocd.config.ReachConfig;
import org.allocd.munge.Munge;
import org.allocd.server.EventLoops;
import org.allocd.server.RequestHandler;
import org.allocd.server.SocketConfig;
import org.allocd.server.TcpSocketServer;

/**
 * The TCP door (admin_listen): allocmgr on login nodes, each request proven by a MUNGE credential. It has
 * its own event loop thread, so many remote clients never queue behind or ahead of the hook socket's frames.
 */
public final class RemoteDoor implements AutoCloseable {
    /** Login nodes' users, scripts and portals together; each open connection costs a few KiB. */
    static final int MAX_CONNECTIONS = 512;
    /** One allocmgr call is one request; a client with nothing to say for this long is let go. */
    static final long IDLE_TIMEOUT_MILLIS = 30_000;

    private final EventLoopGroup loop;
    private final TcpSocketServer server;
    private final long drainMillis;

    private RemoteDoor(EventLoopGroup loop, TcpSocketServer server, long drainMillis) {
        this.loop = loop;
        this.server = server;
        this.drainMillis = drainMillis;
    }

    /**
     * Listens on reach.adminListen() and hands every proven request to {@code admin}, the unix admin
     * socket's handler, with the credential's uid as the caller.
     */
    public static RemoteDoor start(ReachConfig reach, RequestHandler admin, int adminMaxPayloadBytes,
            Executor work, long drainMillis) throws IOException {
        return start(reach, admin, adminMaxPayloadBytes, work, drainMillis, IDLE_TIMEOUT_MILLIS);
    }

    /** The same with another idle time: tests watch the idle close happen in a fraction of a second. */
    static RemoteDoor start(ReachConfig reach, RequestHandler admin, int adminMaxPayloadBytes,
            Executor work, long drainMillis, long idleTimeoutMillis) throws IOException {
        HttpListen listen = reach.adminListen().orElseThrow();
        Munge munge = Munge.at(reach.mungeSocket());
        SocketConfig config = SocketConfig.tcp("remote", RemoteRequests.maxSealedBytes(adminMaxPayloadBytes))
                .maxConnections(MAX_CONNECTIONS).idleTimeoutMillis(idleTimeoutMillis)
                .drainTimeoutMillis(drainMillis).build();
        RequestHandler door = new RemoteRequests(munge, admin, work, adminMaxPayloadBytes, reach.adminListenRate());
        EventLoopGroup loop = EventLoops.epoll(1, "allocd-remote");
        try {
            return new RemoteDoor(loop, TcpSocketServer.start(config, listen.host(), listen.port(), door, loop),
                    drainMillis);
        } catch (IOException | RuntimeException e) {
            EventLoops.shutdown(loop, drainMillis);
            throw e;
        }
    }

    /** The bound port (tests bind a free one). */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        EventLoops.shutdown(loop, drainMillis);
    }
}
