package org.allocd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.allocd.charge.Multiplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

class ConfigReloaderTest {
    private static final String BASE = """
            cluster_name = alpha
            hook_timeout_ms = 200
            [partition gpu]
            rate = 1
            [qos]
            premium = 10
            """;

    @TempDir
    Path dir;
    private Path file;
    private ConfigReloader reloader;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger reloaderLog = (Logger) LoggerFactory.getLogger(ConfigReloader.class);

    @BeforeEach
    void start() throws ConfigException {
        file = ConfigFiles.write(dir.resolve("allocd.conf"), BASE);
        reloader = new ConfigReloader(file, ConfigLoader.load(file));
        logged.start();
        reloaderLog.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        reloaderLog.detachAppender(logged);
        LogLevels.apply(LogLevel.INFO);
    }

    @Test
    void aGoodFileIsSwappedInAndTheChangesLoggedOnOneLine() {
        ConfigFiles.write(file, BASE.replace("hook_timeout_ms = 200", "hook_timeout_ms = 300")
                .replace("rate = 1", "rate = 2").replace("premium = 10", "premium = 5\nstandby = 0"));

        ReloadResult result = reloader.reload();

        List<String> changes = List.of("hook_timeout_ms 200 -> 300", "[partition gpu] rate 1 -> 2",
                "[qos] premium 10 -> 5", "[qos] standby (unset) -> 0");
        assertEquals(new ReloadResult(true, changes, List.of(), List.of()), result);
        assertEquals(300, reloader.current().hookTimeoutMillis());
        assertEquals(new Multiplier(2_000_000), reloader.current().chargeRates().partitions().get("gpu").multiplier());
        assertEquals(List.of("INFO config reloaded from " + file + ": " + String.join(", ", changes)), messages());
    }

    @Test
    void aBadFileIsRefusedWholeAndTheOldConfigKept() {
        ReloadableConfig before = reloader.current();
        ConfigFiles.write(file, BASE.replace("hook_timeout_ms = 200", "hook_timeout_ms = 300")
                .replace("rate = 1", "rate = lots"));

        ReloadResult result = reloader.reload();

        assertFalse(result.applied());
        assertEquals(1, result.errors().size());
        assertEquals(4, result.errors().get(0).line());
        assertSame(before, reloader.current());
        assertEquals(List.of("ERROR config reload refused, keeping the running config: 1 error(s) in " + file,
                "ERROR " + result.errors().get(0)), messages());
    }

    @Test
    void aRestartOnlyChangeIsKeptWhileTheRestIsApplied() {
        RestartConfig restart = reloader.restart();
        ConfigFiles.write(file, BASE.replace("cluster_name = alpha", "cluster_name = beta\nhook_socket = /run/x.sock")
                .replace("hook_timeout_ms = 200", "hook_timeout_ms = 250"));

        ReloadResult result = reloader.reload();

        assertEquals(new ReloadResult(true, List.of("hook_timeout_ms 200 -> 250"), List.of("cluster_name", "hook_socket"),
                List.of()), result);
        assertSame(restart, reloader.restart());
        assertEquals(250, reloader.current().hookTimeoutMillis());
        assertEquals(List.of(
                "WARN cluster_name = beta in " + file + " needs a restart; keeping alpha",
                "WARN hook_socket = /run/x.sock in " + file + " needs a restart; keeping /run/allocd/hook.sock",
                "INFO config reloaded from " + file + ": hook_timeout_ms 200 -> 250"), messages());
    }

    @Test
    void aFileMadeGroupWritableIsRefusedOnReload() throws Exception {
        ReloadableConfig before = reloader.current();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

        ReloadResult result = reloader.reload();

        assertFalse(result.applied());
        assertTrue(result.errors().get(0).message().contains("chmod go-w"), result.errors()::toString);
        assertSame(before, reloader.current());
    }

    @Test
    void anUnchangedFileSaysSo() {
        ReloadResult result = reloader.reload();

        assertEquals(new ReloadResult(true, List.of(), List.of(), List.of()), result);
        assertEquals(List.of("INFO config reloaded from " + file + ": no changes"), messages());
    }

    @Test
    void aNewLogLevelTakesEffect() {
        ConfigFiles.write(file, BASE.replace("hook_timeout_ms = 200", "log_level = debug"));

        reloader.reload();

        assertEquals(Level.DEBUG, ((Logger) LoggerFactory.getLogger("org.allocd")).getLevel());
    }

    @Test
    void sighupReloads() throws Exception {
        assumeTrue(reloader.reloadOnSighup(), "this JVM was started with SIGHUP ignored (nohup): no handler can be set");
        ConfigFiles.write(file, BASE.replace("hook_timeout_ms = 200", "hook_timeout_ms = 400"));

        Signal.raise(new Signal("HUP"));

        // The JVM runs signal handlers on their own thread; wait for it without asserting how long it takes.
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        while (reloader.current().hookTimeoutMillis() != 400 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(10);
        }
        assertEquals(400, reloader.current().hookTimeoutMillis());
    }

    private List<String> messages() {
        return logged.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
    }
}
