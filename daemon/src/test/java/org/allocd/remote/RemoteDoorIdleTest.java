package org.allocd.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocd.config.HttpListen;
import org.allocd.config.PortalConfig;
import org.allocd.config.ReachConfig;
import org.allocd.munge.TestMunged;
import org.allocd.protocol.Replies;
import org.allocd.server.FrameClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP door lets a client go once it has said nothing for the idle time, and not before: checked on a
 * real socket with a short idle time (the daemon's is 30 s). A request answered resets the clock.
 */
class RemoteDoorIdleTest {
    private static final long IDLE_MILLIS = 600;
    private final AtomicInteger adminCalls = new AtomicInteger();
    private RemoteDoor door;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(TestMunged.installed(), "needs libmunge (Debian: munge) for the door to start");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ReachConfig reach = new ReachConfig(Optional.of(new HttpListen("127.0.0.1", port)),
                100, Path.of("/nonexistent/munge.socket"), Optional.empty(), PortalConfig.defaults());
        door = RemoteDoor.start(reach, (peer, request) -> {
            adminCalls.incrementAndGet();
            return CompletableFuture.completedFuture(Replies.ok());
        }, 1 << 20, 1000, IDLE_MILLIS);
    }

    @AfterEach
    void stop() {
        if (door != null) {
            door.close();
        }
    }

    @Test
    void aSilentClientIsClosedAfterTheIdleTime() throws Exception {
        try (FrameClient client = FrameClient.connect("127.0.0.1", door.port())) {
            long connectedNanos = System.nanoTime();
            assertTrue(client.closedByServer(), "the door kept a silent connection open");
            long openMillis = (System.nanoTime() - connectedNanos) / 1_000_000;
            assertTrue(openMillis >= IDLE_MILLIS - 50 && openMillis < IDLE_MILLIS + 2_000,
                    "closed after " + openMillis + " ms, idle time " + IDLE_MILLIS + " ms");
        }
    }

    @Test
    void aRequestAnsweredStartsTheIdleTimeAgain() throws Exception {
        try (FrameClient client = FrameClient.connect("127.0.0.1", door.port())) {
            for (int i = 0; i < 3; i++) {
                Thread.sleep(IDLE_MILLIS / 2);
                // Not sealed: the door itself refuses it, which is traffic all the same.
                ObjectNode answer = client.ask("{\"op\":\"whoami\"}");
                assertEquals("unauthenticated", answer.path("error").asText(), answer.toString());
            }
            long lastAnswerNanos = System.nanoTime();
            assertTrue(client.closedByServer());
            long openMillis = (System.nanoTime() - lastAnswerNanos) / 1_000_000;
            assertTrue(openMillis >= IDLE_MILLIS - 50 && openMillis < IDLE_MILLIS + 2_000,
                    "closed " + openMillis + " ms after the last answer, idle time " + IDLE_MILLIS + " ms");
        }
        assertEquals(0, adminCalls.get(), "an unsealed request reached the admin handler");
    }
}
