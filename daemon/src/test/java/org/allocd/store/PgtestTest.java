package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/pgtest's servers as the tests start them: never outliving their owner, never failing on a taken port. */
class PgtestTest {
    /** tail --pid looks once a second; pg_ctl -m immediate takes well under a second here. */
    private static final long STOPPED_WITHIN_SECONDS = 30;

    private Path server;

    @BeforeEach
    void serverDirectory(@TempDir Path dir) throws IOException {
        TestPostgresql.shared(); // skips or fails as ALLOCD_PG says when PostgreSQL cannot run here
        // The server runs as the postgres user when the tests run as root: it must reach its directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        server = dir.resolve("pg");
    }

    @Test
    void aServerStopsAndItsDirectoryGoesOnceItsOwnerIsKilled() throws Exception {
        // The owner stands in for a test JVM that surefire kills: SIGKILL, no shutdown hook.
        Process owner = new ProcessBuilder("sleep", "600").start();
        try {
            Pgtest.Started started = Pgtest.startOnFreePort(Map.of(), owner.pid(), Pgtest::freePort, server, "start",
                    server.toString());
            assertEquals(0, started.outcome().exitCode(), started.outcome().output());
            assertTrue(answers(started.port()), "the server listens on " + started.port());

            owner.destroyForcibly().waitFor();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOPPED_WITHIN_SECONDS);
            while ((answers(started.port()) || Files.exists(server)) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertFalse(answers(started.port()), "the server still listens after its owner ended");
            assertFalse(Files.exists(server), server + " is still there after its owner ended");
        } finally {
            owner.destroyForcibly();
            Pgtest.stopQuietly(server);
        }
    }

    @Test
    void aPortTakenBetweenItsPickAndTheBindIsTriedAgainOnAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Iterator<Integer> ports = List.of(taken.getLocalPort(), Pgtest.freePort()).iterator();
            Pgtest.Started started = Pgtest.startOnFreePort(Map.of(), ProcessHandle.current().pid(), ports::next,
                    server, "start", server.toString());
            assertEquals(0, started.outcome().exitCode(), started.outcome().output());
            assertNotEquals(taken.getLocalPort(), started.port(), "started on the taken port");
            assertTrue(answers(started.port()), "the server listens on " + started.port());
        } finally {
            Pgtest.stopQuietly(server);
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
