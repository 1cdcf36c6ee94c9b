package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.allocd.config.PostgresqlLogin;

/**
 * scripts/pgtest run by a test for servers of its own (TestPostgresql keeps the one server the other tests share).
 * Every server it starts is stopped and its directory deleted once this JVM has ended (PGTEST_STOP_WITH_PID), also
 * when the JVM is killed before its shutdown hooks run.
 */
public final class Pgtest {
    private static final Path SCRIPT = Path.of("..", "scripts", "pgtest");
    private static final long TIMEOUT_SECONDS = 120;
    /** scripts/pgtest's exit status when this machine has no PostgreSQL server binaries. */
    static final int NO_BINARIES = 3;
    /** Starts on another free port when another socket took the last one between its pick and the server's bind. */
    private static final int START_TRIES = 5;

    private Pgtest() {}

    /** What one scripts/pgtest run printed, and its exit status. */
    record Outcome(int exitCode, String output) {
        /** Whether the server could not bind its port (postgres.log's lines are in the output). */
        boolean portTaken() {
            return output.contains("could not bind") || output.contains("Address already in use");
        }
    }

    /** A server started (or not) on port: the last try's outcome. */
    record Started(int port, Outcome outcome) {}

    /** Runs scripts/pgtest with these arguments and settings (PGTEST_*), failing the test when it fails. */
    public static void run(Map<String, String> settings, String... args) throws IOException, InterruptedException {
        Outcome outcome = attempt(settings, List.of(args));
        assertEquals(0, outcome.exitCode(), "scripts/pgtest " + String.join(" ", args) + ":\n" + outcome.output());
    }

    public static void run(String... args) throws IOException, InterruptedException {
        run(Map.of(), args);
    }

    /**
     * Starts a server: scripts/pgtest with these arguments and a free port as the last; when another socket took that
     * port first, dir is emptied and the start tried on another (up to START_TRIES), so the pick-then-bind race of a
     * free port cannot fail a test. Once the process owner has ended, the server stops and dir is deleted.
     */
    static Started startOnFreePort(Map<String, String> settings, long owner, IntSupplier ports, Path dir,
            String... args) throws IOException, InterruptedException {
        Map<String, String> watched = new HashMap<>(settings);
        watched.put("PGTEST_STOP_WITH_PID", Long.toString(owner));
        Started started = null;
        for (int tries = 0; tries < START_TRIES && (started == null || started.outcome().portTaken()); tries++) {
            if (started != null) {
                System.err.println("scripts/pgtest: port " + started.port() + " was taken first; another port");
                deleteTree(dir);
            }
            int port = ports.getAsInt();
            List<String> command = new ArrayList<>(List.of(args));
            command.add(Integer.toString(port));
            started = new Started(port, attempt(watched, command));
        }
        return started;
    }

    /** As startOnFreePort, for this JVM, failing the test when the server does not start; its port. */
    public static int startServer(Map<String, String> settings, Path dir, String... args)
            throws IOException, InterruptedException {
        Started started = startOnFreePort(settings, ProcessHandle.current().pid(), Pgtest::freePort, dir, args);
        assertEquals(0, started.outcome().exitCode(), "scripts/pgtest " + String.join(" ", args) + " "
                + started.port() + ":\n" + started.outcome().output());
        return started.port();
    }

    private static Outcome attempt(Map<String, String> settings, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(args);
        // A file, not a pipe: the output is whole once the script has ended, whatever it left running.
        Path output = Files.createTempFile("allocd-pgtest-output-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("PGTEST_FSYNC", "off"); // thrown away after the test
            builder.environment().putAll(settings);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("scripts/pgtest " + String.join(" ", args) + " took over "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Outcome(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
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
            int primaryPort = startServer(Map.of("PGTEST_REPLICATION", "on"), primary, "start", primary.toString());
            try {
                int standbyPort = startServer(Map.of(), standby, "standby", standby.toString(), primary.toString());
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

    /** A port no socket holds now; another may take it before the server binds it (startOnFreePort retries). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
