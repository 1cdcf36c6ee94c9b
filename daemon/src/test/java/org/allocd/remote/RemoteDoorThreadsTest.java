package org.allocd.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocd.config.HttpListen;
import org.allocd.config.PortalConfig;
import org.allocd.config.ReachConfig;
import org.allocd.munge.Munge;
import org.allocd.munge.TestMunged;
import org.allocd.protocol.Replies;
import org.allocd.server.FrameClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * However many remote clients call at once, the door hands the admin handler (whose work threads the hooks'
 * reads share) at most {@link RemoteDoor#THREADS} requests at a time; the others wait in the door and are all
 * answered. Real munged, real sockets; the admin handler answers later from a thread of its own, as allocd's does.
 */
class RemoteDoorThreadsTest {
    private static final int CLIENTS = 8;
    private static final long ANSWER_AFTER_MILLIS = 150;

    @TempDir
    Path dir;
    private TestMunged munged;
    private RemoteDoor door;
    private final ScheduledExecutorService adminThread = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger inAdmin = new AtomicInteger();
    private final AtomicInteger mostInAdmin = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(TestMunged.installed(), "needs munged and libmunge (Debian: munge)");
        munged = TestMunged.start(dir.resolve("munge"));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ReachConfig reach = new ReachConfig(Optional.of(new HttpListen("127.0.0.1", port)),
                10_000, munged.socket(), Optional.empty(), PortalConfig.defaults());
        door = RemoteDoor.start(reach, (peer, request) -> {
            mostInAdmin.accumulateAndGet(inAdmin.incrementAndGet(), Math::max);
            CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
            adminThread.schedule(() -> {
                inAdmin.decrementAndGet();
                answer.complete(Replies.ok().put("uid", peer.uid()));
            }, ANSWER_AFTER_MILLIS, TimeUnit.MILLISECONDS);
            return answer;
        }, 1 << 20, 1000);
    }

    @AfterEach
    void stop() throws Exception {
        if (door != null) {
            door.close();
        }
        adminThread.shutdownNow();
        if (munged != null) {
            munged.close();
        }
    }

    @Test
    void remoteRequestsReachTheAdminHandlerAtMostTheDoorsThreadsAtATime() throws Exception {
        Munge munge = Munge.at(munged.socket());
        byte[] request = "{\"op\":\"whoami\"}".getBytes(StandardCharsets.UTF_8);
        List<FrameClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                FrameClient client = FrameClient.connect("127.0.0.1", door.port());
                clients.add(client);
                client.send(RequestSeal.seal(munge, request, 0).toString());
            }
            for (FrameClient client : clients) {
                ObjectNode answer = client.read();
                assertTrue(answer.path("ok").asBoolean(), answer.toString());
            }
        } finally {
            for (FrameClient client : clients) {
                client.close();
            }
        }
        assertEquals(RemoteDoor.THREADS, mostInAdmin.get(), "remote requests in the admin handler at once, of "
                + CLIENTS + " sent together");
    }

    @Test
    void theDoorsThreadsRunAtALowerPriorityThanTheRestOfAllocd() throws Exception {
        try (FrameClient client = FrameClient.connect("127.0.0.1", door.port())) {
            client.send(RequestSeal.seal(Munge.at(munged.socket()), "{\"op\":\"whoami\"}".getBytes(
                    StandardCharsets.UTF_8), 0).toString());
            assertTrue(client.read().path("ok").asBoolean());
        }
        List<Integer> doorNice = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                if (Files.readString(task.resolve("comm")).startsWith("allocd-remote")) {
                    doorNice.add(nice(task));
                }
            }
        }
        assertTrue(doorNice.size() >= 2, "the door's event loop and a work thread: " + doorNice);
        assertEquals(Collections.nCopies(doorNice.size(), DoorPriority.NICE), doorNice);
        assertEquals(0, nice(Path.of("/proc/thread-self")), "this thread (not the door's) kept its priority");
    }

    /** The nice value in /proc's stat of a thread: field 19, the 17th after the command's closing parenthesis. */
    private static int nice(Path task) throws IOException {
        String stat = Files.readString(task.resolve("stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
