package org.allocd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SO_PEERCRED and the peer policy, with clients running as real, different uids. */
@Timeout(60)
class PeerPolicyTest {
    private static final int NOBODY = 65534;

    @TempDir
    Path dir;

    @Test
    void onlyUidsNamesTheRefusedUidAndWhoIsAllowed() {
        PeerPolicy policy = PeerPolicy.onlyUids("hook", Set.of(0, 64030), "root and SlurmUser 'slurm'");
        assertEquals(Optional.empty(), policy.refusal(new Peer(64030, 64030, 12)));
        assertEquals(Optional.of("uid 65534 is not allowed on the hook socket; only root and SlurmUser 'slurm'"
                + " may connect (uids 0, 64030)"), policy.refusal(new Peer(NOBODY, NOBODY, 12)));
        assertThrows(IllegalArgumentException.class, () -> PeerPolicy.onlyUids("hook", Set.of(), "nobody"));
    }

    @Test
    void anotherUidIsRefusedAndRootIsAccepted() throws Exception {
        Assumptions.assumeTrue(isRoot(), "needs root to run a client as uid 65534 with setpriv");
        Path classes = copyClientClass();
        // uid 65534 must reach the socket, so only the policy can refuse it.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = dir.resolve("hook.sock");
        try (ServerFixture fixture = new ServerFixture()) {
            fixture.start(ServerFixture.config(socket)
                    .fileMode("rw-rw-rw-")
                    .peerPolicy(PeerPolicy.onlyUids("hook", Set.of(0), "root"))
                    .build());

            String refused = runClient(classes, socket, List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                    "--clear-groups"));
            assertEquals("{\"ok\":false,\"error\":\"forbidden\",\"message\":\"uid 65534 is not allowed on the hook"
                    + " socket; only root may connect (uids 0)\"}", refused);
            assertEquals(0, fixture.handler.calls.get());

            String accepted = runClient(classes, socket, List.of());
            assertEquals("{\"id\":\"probe\",\"ok\":true,\"echo\":\"hi\"}", accepted);
            Peer peer = fixture.handler.peers.take();
            assertEquals(0, peer.uid());
            assertEquals(0, peer.gid());
        }
    }

    @Test
    void peerSeesTheCallersUidGidAndPid() throws Exception {
        Path socket = dir.resolve("admin.sock");
        try (ServerFixture fixture = new ServerFixture();
                FrameClient client = connectAfterStart(fixture, socket)) {
            client.ask("{\"op\":\"echo\"}");
            Peer peer = fixture.handler.peers.take();
            assertEquals(ProcessHandle.current().pid(), peer.pid());
            assertEquals(Files.getAttribute(dir, "unix:uid"), peer.uid());
            assertEquals(Files.getAttribute(dir, "unix:gid"), peer.gid());
        }
    }

    private static FrameClient connectAfterStart(ServerFixture fixture, Path socket) throws IOException {
        fixture.start(ServerFixture.config(socket).build());
        return FrameClient.connect(socket);
    }

    /** The client class alone, in a directory uid 65534 can read, whatever the build directory allows. */
    private Path copyClientClass() throws Exception {
        Path classes = dir.resolve("classes");
        Path target = classes.resolve("org/allocd/server/OneRequestClient.class");
        Files.createDirectories(target.getParent());
        try (var in = OneRequestClient.class.getResourceAsStream("OneRequestClient.class")) {
            Files.copy(in, target);
        }
        for (Path p = target; p.startsWith(dir) && !p.equals(dir); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                    Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        return classes;
    }

    private String runClient(Path classes, Path socket, List<String> prefix) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UsePerfData", "-cp", classes.toString(), OneRequestClient.class.getName(), socket.toString()));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "client did not exit");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(dir, "unix:uid"));
    }
}
