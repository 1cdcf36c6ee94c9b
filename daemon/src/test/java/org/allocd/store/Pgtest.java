package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.allocd.config.PostgresqlLogin;

/** scripts/pgtest run by a test for servers of its own (TestPostgresql keeps the one server the other tests share). */
public final class Pgtest {
    private static final Path SCRIPT = Path.of("..", "scripts", "pgtest");
    private static final long TIMEOUT_SECONDS = 120;

    private Pgtest() {}

    /** Runs scripts/pgtest with these arguments and settings (PGTEST_*), failing the test when it fails. */
    public static void run(Map<String, String> settings, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGTEST_FSYNC", "off"); // thrown away after the test
        builder.environment().putAll(settings);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "scripts/pgtest " + command + " took too long");
        assertEquals(0, process.exitValue(), "scripts/pgtest " + String.join(" ", args) + ":\n" + output);
    }

    public static void run(String... args) throws IOException, InterruptedException {
        run(Map.of(), args);
    }

    /** Stops the server in dir if it runs; for finally blocks, so a failure is only reported. */
    public static void stopQuietly(Path server) {
        try {
            if (Files.exists(server.resolve("data").resolve("postmaster.pid"))) {
                run("stop", server.toString());
            }
        } catch (Exception | AssertionError e) {
            System.err.println("scripts/pgtest stop " + server + ": " + e.getMessage());
        }
    }

    /**
     * A primary with a synchronous streaming standby under dir, and the multi-host location (targetServerType=primary,
     * pgjdbc's socketTimeout in seconds) through which allocd finds whichever is primary. Closing stops both.
     */
    public record Replicated(Path primary, Path standby, int standbyPort, StoreLocation.Postgresql location)
            implements AutoCloseable {
        public static Replicated start(Path dir, int socketTimeoutSeconds) throws IOException, InterruptedException {
            Path primary = dir.resolve("primary");
            Path standby = dir.resolve("standby");
            int primaryPort = freePort();
            int standbyPort = freePort();
            run(Map.of("PGTEST_REPLICATION", "on"), "start", primary.toString(), Integer.toString(primaryPort));
            try {
                run("standby", standby.toString(), primary.toString(), Integer.toString(standbyPort));
                PostgresqlLogin login = PostgresqlLogin.read(primary.resolve("credentials"));
                return new Replicated(primary, standby, standbyPort, new StoreLocation.Postgresql(
                        "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort
                                + "/allocd?targetServerType=primary&socketTimeout=" + socketTimeoutSeconds,
                        login.user(), login.password()));
            } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
                stopQuietly(standby);
                stopQuietly(primary);
                throw e;
            }
        }

        /** The standby's server alone (the new primary once promoted). */
        public StoreLocation.Postgresql standbyAlone() {
            return new StoreLocation.Postgresql("jdbc:postgresql://127.0.0.1:" + standbyPort + "/allocd",
                    location.user(), location.password());
        }

        @Override
        public void close() {
            stopQuietly(standby);
            stopQuietly(primary);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
