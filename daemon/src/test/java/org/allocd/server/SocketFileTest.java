package org.allocd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Binding, replacing and removing the socket file. */
@Timeout(30)
class SocketFileTest {
    @TempDir
    Path dir;
    private final ServerFixture fixture = new ServerFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void staleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("stale.sock");
        leaveStaleSocket(socket);
        fixture.start(ServerFixture.config(socket).build());
        assertAnswers(socket);
    }

    @Test
    void liveSocketIsNotStolen() throws Exception {
        Path socket = dir.resolve("live.sock");
        fixture.start(ServerFixture.config(socket).build());
        IOException refused = assertThrows(IOException.class,
                () -> fixture.start(ServerFixture.config(socket).build()));
        assertTrue(refused.getMessage().contains("another process is listening on " + socket), refused.getMessage());
        assertAnswers(socket);
        assertEquals(List.of(socket), listDir());
    }

    @Test
    void pathThatIsNotASocketIsLeftAlone() throws Exception {
        Path notSocket = dir.resolve("notes.txt");
        Files.writeString(notSocket, "keep me");
        IOException refused = assertThrows(IOException.class,
                () -> fixture.start(ServerFixture.config(notSocket).build()));
        assertTrue(refused.getMessage().contains("exists and is not a socket"), refused.getMessage());
        assertEquals("keep me", Files.readString(notSocket));
    }

    @Test
    void socketFileGetsTheConfiguredModeAndNoStrayFiles() throws Exception {
        Path socket = dir.resolve("admin.sock");
        fixture.start(ServerFixture.config(socket).build());
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        Path strict = dir.resolve("strict.sock");
        fixture.start(ServerFixture.config(strict).fileMode("rw-------").build());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(strict)));
        assertEquals("other", fileType(strict));
        assertEquals(List.of(socket, strict), listDir());
    }

    @Test
    void socketFileGetsTheConfiguredGroup() throws Exception {
        Assumptions.assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(dir, "unix:uid")),
                "only root may give a file to any group");
        Path socket = dir.resolve("hook.sock");
        fixture.start(ServerFixture.config(socket).group("daemon").build());
        assertEquals("daemon", Files.readAttributes(socket, PosixFileAttributes.class).group().getName());
    }

    @Test
    void unknownGroupIsRefusedAndLeavesNoFile() throws Exception {
        Path socket = dir.resolve("hook.sock");
        IOException refused = assertThrows(IOException.class,
                () -> fixture.start(ServerFixture.config(socket).group("no-such-group-allocd").build()));
        assertTrue(refused.getMessage().contains("group 'no-such-group-allocd' does not exist"), refused.getMessage());
        assertEquals(List.of(), listDir());
    }

    @Test
    void missingParentDirectoriesAreCreated() throws Exception {
        Path socket = dir.resolve("run/allocd/hook.sock");
        fixture.start(ServerFixture.config(socket).build());
        assertAnswers(socket);
    }

    @Test
    void closeRemovesTheSocketFileButNotOneThatReplacedIt() throws Exception {
        Path socket = dir.resolve("hook.sock");
        fixture.start(ServerFixture.config(socket).build()).close();
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));

        UnixSocketServer server = fixture.start(ServerFixture.config(socket).build());
        Files.delete(socket);
        leaveStaleSocket(socket);
        server.close();
        assertEquals("other", fileType(socket));
    }

    private static void leaveStaleSocket(Path socket) throws IOException {
        // The JDK does not remove the file when the channel closes, as after a crash.
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
    }

    private static String fileType(Path file) throws IOException {
        return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .isOther() ? "other" : "not a socket";
    }

    private static void assertAnswers(Path socket) throws IOException {
        try (FrameClient client = FrameClient.connect(socket)) {
            assertTrue(client.ask("{\"op\":\"echo\"}").get("ok").asBoolean());
        }
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
