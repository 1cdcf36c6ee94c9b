package org.allocd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SocketConfigTest {
    private static final Path SOCKET = Path.of("/run/allocd/hook.sock");

    @Test
    void defaultsSuitTheHookSocket() {
        SocketConfig config = SocketConfig.builder("hook", SOCKET, 16 * 1024).build();
        assertEquals(1024, config.maxConnections());
        assertEquals(64, config.maxInFlightPerConnection());
        assertEquals("rw-rw----", java.nio.file.attribute.PosixFilePermissions.toString(config.fileMode()));
        assertTrue(config.group().isEmpty());
    }

    @Test
    void badSettingsAreNamedWithTheFix() {
        assertMessage("hook socket: path is run/hook.sock; use an absolute path such as /run/allocd/hook.sock",
                SocketConfig.builder("hook", Path.of("run/hook.sock"), 16 * 1024));
        assertMessage("hook socket: maxPayloadBytes is 100; it must be between 1024 and 67108864",
                SocketConfig.builder("hook", SOCKET, 100));
        assertMessage("hook socket: maxInFlightPerConnection is 0; it must be at least 1",
                SocketConfig.builder("hook", SOCKET, 16 * 1024).maxInFlightPerConnection(0));
        assertMessage("hook socket: group is blank; give a group name or leave it out",
                SocketConfig.builder("hook", SOCKET, 16 * 1024).group(" "));
        String longPath = "/run/" + "d".repeat(100) + "/hook.sock";
        assertMessage("hook socket: path is 115 bytes long; unix socket paths must be at most 99 bytes here,"
                + " choose a shorter directory", SocketConfig.builder("hook", Path.of(longPath), 16 * 1024));
    }

    private static void assertMessage(String expected, SocketConfig.Builder builder) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, builder::build).getMessage());
    }
}
