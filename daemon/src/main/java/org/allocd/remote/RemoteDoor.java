package org.allocd.remote;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.allocd.config.HttpListen;
import org.allocd.config.ReachConfig;
import org.allocd.munge.Munge;
import org.allocd.server.RequestHandler;
import org.allocd.server.SocketConfig;
import org.allocd.server.TcpSocketServer;

/** The TCP door (admin_listen): allocmgr on login nodes, each request proven by a MUNGE credential. */
public final class RemoteDoor {
    /** Login nodes' users, scripts and portals together; each open connection costs a few KiB. */
    static final int MAX_CONNECTIONS = 512;
    /** One allocmgr call is one request; a client with nothing to say for this long is let go. */
    static final long IDLE_TIMEOUT_MILLIS = 30_000;

    private RemoteDoor() {}

    /**
     * Listens on reach.adminListen() and hands every proven request to {@code admin}, the unix admin
     * socket's handler, with the credential's uid as the caller.
     */
    public static TcpSocketServer start(ReachConfig reach, RequestHandler admin, int adminMaxPayloadBytes,
            Executor work, EventLoopGroup loops, long drainMillis) throws IOException {
        HttpListen listen = reach.adminListen().orElseThrow();
        Munge munge = Munge.at(reach.mungeSocket());
        SocketConfig config = SocketConfig.tcp("remote", RemoteRequests.maxSealedBytes(adminMaxPayloadBytes))
                .maxConnections(MAX_CONNECTIONS).idleTimeoutMillis(IDLE_TIMEOUT_MILLIS)
                .drainTimeoutMillis(drainMillis).build();
        RequestHandler door = new RemoteRequests(munge, admin, work, adminMaxPayloadBytes, reach.adminListenRate());
        return TcpSocketServer.start(config, listen.host(), listen.port(), door, loops);
    }
}
