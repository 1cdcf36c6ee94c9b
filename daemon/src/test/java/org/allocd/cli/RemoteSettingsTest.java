package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where allocmgr on a login node finds allocd's TCP door and its munged. */
class RemoteSettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFileAndTheEnvironmentWins() throws Exception {
        Path conf = Files.writeString(dir.resolve("allocmgr.conf"),
                "# the bank\nserver = bank.example.org:6820\n\nmunge_socket = /run/munge/other.socket\n");
        assertEquals(Optional.of(new RemoteSettings("bank.example.org", 6820, Path.of("/run/munge/other.socket"))),
                RemoteSettings.find(Map.of("ALLOCMGR_CONF", conf.toString())));
        assertEquals(Optional.of(new RemoteSettings("::1", 7000, Path.of("/tmp/m.sock"))), RemoteSettings.find(Map.of(
                "ALLOCMGR_CONF", conf.toString(), "ALLOCD_SERVER", "[::1]:7000", "ALLOCD_MUNGE_SOCKET", "/tmp/m.sock")));
    }

    @Test
    void noFileAndNoServerMeansTheUnixSocket() {
        assertEquals(Optional.empty(), RemoteSettings.find(Map.of("ALLOCMGR_CONF", dir.resolve("none").toString())));
    }

    @Test
    void aWrongLineOrServerSaysWhatToWrite() throws Exception {
        Path conf = Files.writeString(dir.resolve("allocmgr.conf"), "server = bank\n");
        UsageException bad = assertThrows(UsageException.class,
                () -> RemoteSettings.find(Map.of("ALLOCMGR_CONF", conf.toString())));
        assertTrue(bad.getMessage().contains("write HOST:PORT"), bad.getMessage());
        Files.writeString(conf, "host = bank:6820\n");
        UsageException unknown = assertThrows(UsageException.class,
                () -> RemoteSettings.find(Map.of("ALLOCMGR_CONF", conf.toString())));
        assertTrue(unknown.getMessage().contains("line 1") && unknown.getMessage().contains("server = HOST:PORT"),
                unknown.getMessage());
    }
}
