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

/** scripts/pgtest run by a test for servers of its own (TestPostgresql keeps the one server the other tests share). */
final class Pgtest {
    private static final Path SCRIPT = Path.of("..", "scripts", "pgtest");
    private static final long TIMEOUT_SECONDS = 120;

    private Pgtest() {}

    /** Runs scripts/pgtest with these arguments and settings (PGTEST_*), failing the test when it fails. */
    static void run(Map<String, String> settings, String... args) throws IOException, InterruptedException {
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

    static void run(String... args) throws IOException, InterruptedException {
        run(Map.of(), args);
    }

    /** Stops the server in dir if it runs; for finally blocks, so a failure is only reported. */
    static void stopQuietly(Path server) {
        try {
            if (Files.exists(server.resolve("data").resolve("postmaster.pid"))) {
                run("stop", server.toString());
            }
        } catch (Exception | AssertionError e) {
            System.err.println("scripts/pgtest stop " + server + ": " + e.getMessage());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
