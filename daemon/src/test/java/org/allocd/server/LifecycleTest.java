package org.allocd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Connection limits, idle connections, shared event loops and graceful close. */
@Timeout(30)
class LifecycleTest {
    @TempDir
    Path dir;
    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void connectionsPastTheLimitAreClosedAtOnce() throws Exception {
        Path socket = dir.resolve("hook.sock");
        fixture.start(ServerFixture.config(socket).maxConnections(2).build());
        try (FrameClient first = FrameClient.connect(socket);
                FrameClient second = FrameClient.connect(socket)) {
            // Answers prove both connections are counted before the third arrives.
            first.ask("{\"op\":\"echo\"}");
            second.ask("{\"op\":\"echo\"}");
            try (FrameClient third = FrameClient.connect(socket)) {
                assertTrue(third.closedByServer());
            }
            assertTrue(first.ask("{\"op\":\"echo\"}").get("ok").asBoolean());
        }
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        Path socket = dir.resolve("hook.sock");
        fixture.start(ServerFixture.config(socket).idleTimeoutMillis(50).build());
        try (FrameClient client = FrameClient.connect(socket)) {
            client.ask("{\"op\":\"echo\"}");
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void twoServersShareOneEventLoopGroup() throws Exception {
        Path hook = dir.resolve("hook.sock");
        Path admin = dir.resolve("admin.sock");
        UnixSocketServer hookServer = fixture.start(ServerFixture.config(hook).build());
        fixture.start(SocketConfig.builder("admin", admin, 1024 * 1024).build());
        try (FrameClient hookClient = FrameClient.connect(hook);
                FrameClient adminClient = FrameClient.connect(admin)) {
            assertTrue(hookClient.ask("{\"op\":\"echo\"}").get("ok").asBoolean());
            String bigValue = "z".repeat(100_000);
            assertEquals(bigValue, adminClient.ask("{\"op\":\"echo\",\"value\":\"" + bigValue + "\"}")
                    .get("echo").asText());
        }
        hookServer.close();
        assertFalse(Files.exists(hook, LinkOption.NOFOLLOW_LINKS));
        try (FrameClient adminClient = FrameClient.connect(admin)) {
            assertTrue(adminClient.ask("{\"op\":\"echo\"}").get("ok").asBoolean());
        }
    }

    @Test
    void closeLetsRequestsInFlightFinishAndTurnsNewOnesAway() throws Exception {
        Path socket = dir.resolve("hook.sock");
        UnixSocketServer server = fixture.start(ServerFixture.config(socket).drainTimeoutMillis(20_000).build());
        try (FrameClient client = FrameClient.connect(socket)) {
            client.send("{\"id\":1,\"op\":\"hold\",\"key\":\"slow\"}");
            fixture.handler.awaitHeld("slow");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            awaitNotAccepting(socket);
            assertEquals("{\"id\":2,\"ok\":false,\"error\":\"shutting_down\","
                    + "\"message\":\"allocd is shutting down and takes no new requests\"}",
                    client.ask("{\"id\":2,\"op\":\"echo\"}").toString());
            assertFalse(closing.isDone());
            fixture.handler.complete("slow", "finished");
            assertEquals("{\"id\":1,\"ok\":true,\"result\":\"finished\"}", client.read().toString());
            closing.join();
            assertTrue(client.closedByServer());
        }
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void closeGivesUpOnRequestsThatNeverFinish() throws Exception {
        Path socket = dir.resolve("hook.sock");
        UnixSocketServer server = fixture.start(ServerFixture.config(socket).drainTimeoutMillis(50).build());
        try (FrameClient client = FrameClient.connect(socket)) {
            client.send("{\"id\":1,\"op\":\"hold\",\"key\":\"forever\"}");
            fixture.handler.awaitHeld("forever");
            server.close();
            assertTrue(client.closedByServer());
        }
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
    }

    /** close() sets draining before it stops accepting, so a refused connect means draining is on. */
    private static void awaitNotAccepting(Path socket) throws InterruptedException {
        while (true) {
            try {
                FrameClient.connect(socket).close();
                Thread.sleep(5);
            } catch (ConnectException e) {
                return;
            } catch (IOException e) {
                throw new AssertionError("unexpected failure while probing " + socket, e);
            }
        }
    }
}
