package org.allocd.server;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One event loop group and the servers started on it, closed together. */
final class ServerFixture implements AutoCloseable {
    static final int TEST_MAX_PAYLOAD_BYTES = 4096;

    final EventLoopGroup group = EventLoops.epoll(1);
    final TestHandler handler = new TestHandler();
    private final List<UnixSocketServer> servers = new ArrayList<>();

    static SocketConfig.Builder config(Path socket) {
        return SocketConfig.builder("test", socket, TEST_MAX_PAYLOAD_BYTES);
    }

    UnixSocketServer start(SocketConfig config) throws IOException {
        UnixSocketServer server = UnixSocketServer.start(config, handler, group);
        servers.add(server);
        return server;
    }

    @Override
    public void close() {
        servers.forEach(UnixSocketServer::close);
        EventLoops.shutdown(group, 5_000);
    }
}
