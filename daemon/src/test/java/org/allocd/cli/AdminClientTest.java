package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's answers to a socket that is not a healthy allocd: silent, speaking another protocol, absent. */
class AdminClientTest {
    private static final ObjectNode PING = JsonNodeFactory.instance.objectNode().put("op", "ping");

    @Test
    void silentServerTimesOut(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            AdminClientException e = assertThrows(AdminClientException.class,
                    () -> new AdminClient(socket, 200).ask(PING));
            assertEquals("allocd at " + socket + " did not answer within 200 ms; it may be overloaded or stuck"
                    + " (systemctl status allocd)", e.getMessage());
        }
    }

    @Test
    void otherProtocolIsNamed(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("http.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread answerer = new Thread(() -> {
                try (SocketChannel peer = server.accept()) {
                    peer.write(ByteBuffer.wrap("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                } catch (Exception ignored) {
                    // the client's assertion reports what went wrong
                }
            });
            answerer.start();
            AdminClientException e = assertThrows(AdminClientException.class,
                    () -> new AdminClient(socket, 10_000).ask(PING));
            assertTrue(e.getMessage().contains("answered with something other than an allocd frame"), e.getMessage());
            answerer.join();
        }
    }

    @Test
    void absentSocketSaysIsItRunning(@TempDir Path dir) {
        Path socket = dir.resolve("none.sock");
        AdminClientException e = assertThrows(AdminClientException.class, () -> new AdminClient(socket, 1000).ask(PING));
        assertTrue(e.getMessage().startsWith("cannot reach allocd at " + socket
                + ": is it running? (systemctl status allocd)"), e.getMessage());
    }
}
