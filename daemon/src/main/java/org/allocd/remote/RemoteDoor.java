package org.allocd.remote;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.allocd.config.HttpListen;
import org.allocd.config.ReachConfig;
import org.allocd.munge.Munge;
import org.allocd.server.EventLoops;
import org.allocd.server.RequestHandler;
import org.allocd.server.SocketConfig;
import org.allocd.server.TcpSocketServer;

/**
 * The TCP door (admin_listen): allocmgr on login nodes, each request proven by a MUNGE credential. It has
 * its own event loop thread, so many remote clients never queue behind or ahead of the hook socket's frames,
 * and its own few threads, each of which holds one remote request until it is answered: however many clients
 * call, remote requests occupy at most {@link #THREADS} of the work threads the hooks' reads share, and the
 * rest wait in the door's own queue, not in theirs. The door's threads run at a lower priority (DoorPriority), so
 * the hook socket gets the CPU first when both want it.
 */
public final class RemoteDoor implements AutoCloseable {
    /** Login nodes' users, scripts and portals together; each open connection costs a few KiB. */
    static final int MAX_CONNECTIONS = 512;
    /** One allocmgr call is one request; a client with nothing to say for this long is let go. */
    static final long IDLE_TIMEOUT_MILLIS = 30_000;
    /** One request in munged while another is in the admin handler; login nodes are rate-limited far below this. */
    static final int THREADS = 2;

    private final EventLoopGroup loop;
    private final ThreadPoolExecutor threads;
    private final TcpSocketServer server;
    private final long drainMillis;

    private RemoteDoor(EventLoopGroup loop, ThreadPoolExecutor threads, TcpSocketServer server, long drainMillis) {
        this.loop = loop;
        this.threads = threads;
        this.server = server;
        this.drainMillis = drainMillis;
    }

    /**
     * Listens on reach.adminListen() and hands every proven request to {@code admin}, the unix admin
     * socket's handler, with the credential's uid as the caller.
     */
    public static RemoteDoor start(ReachConfig reach, RequestHandler admin, int adminMaxPayloadBytes,
            long drainMillis) throws IOException {
        return start(reach, admin, adminMaxPayloadBytes, drainMillis, IDLE_TIMEOUT_MILLIS);
    }

    /** The same with another idle time: tests watch the idle close happen in a fraction of a second. */
    static RemoteDoor start(ReachConfig reach, RequestHandler admin, int adminMaxPayloadBytes,
            long drainMillis, long idleTimeoutMillis) throws IOException {
        HttpListen listen = reach.adminListen().orElseThrow();
        Munge munge = Munge.at(reach.mungeSocket());
        SocketConfig config = SocketConfig.tcp("remote", RemoteRequests.maxSealedBytes(adminMaxPayloadBytes))
                .maxConnections(MAX_CONNECTIONS).idleTimeoutMillis(idleTimeoutMillis)
                .drainTimeoutMillis(drainMillis).build();
        // A full queue is answered "busy" at once (RemoteRequests); each open connection has at most one request.
        ThreadPoolExecutor threads = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_CONNECTIONS),
                DoorPriority.lowered(new DefaultThreadFactory("allocd-remote-work", true)),
                new ThreadPoolExecutor.AbortPolicy());
        RequestHandler door = new RemoteRequests(munge, admin, threads, adminMaxPayloadBytes,
                reach.adminListenRate());
        EventLoopGroup loop = EventLoops.epoll(1, "allocd-remote");
        loop.execute(DoorPriority::lowerThisThread);
        try {
            return new RemoteDoor(loop, threads,
                    TcpSocketServer.start(config, listen.host(), listen.port(), door, loop), drainMillis);
        } catch (IOException | RuntimeException e) {
            EventLoops.shutdown(loop, drainMillis);
            threads.shutdownNow();
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
        threads.shutdownNow();
    }
}
