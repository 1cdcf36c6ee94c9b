package org.allocd.reliability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.allocd.daemon.DaemonFixture;

/**
 * allocd as a separate process on a {@link DaemonFixture.Builder}'s allocd.conf, started from this test JVM's own
 * classpath (no packaging step needed), so it can be killed with SIGKILL like a real crash.
 */
final class DaemonProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 60_000;
    static final long ASK_TIMEOUT_MILLIS = 10_000;

    private final DaemonFixture.Builder conf;
    private final Path log;
    private Process process;

    DaemonProcess(DaemonFixture.Builder conf) {
        this.conf = conf;
        this.log = conf.dir.resolve("daemon.log");
    }

    /** Starts the daemon and returns once it answers PING on the hook socket. */
    DaemonProcess start() throws IOException, InterruptedException {
        launch();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("allocd exited with " + process.exitValue() + " at start; see "
                        + tail());
            }
            try {
                ObjectNode ping = WireClient.ask(conf.hookSocket, "{\"op\":\"PING\"}", ASK_TIMEOUT_MILLIS);
                if (ping.path("ok").asBoolean()) {
                    return this;
                }
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("allocd did not answer PING within " + START_TIMEOUT_MILLIS + " ms; "
                + tail());
    }

    /** Starts the process without waiting for it to be ready (to kill it while it opens the store). */
    DaemonProcess launch() throws IOException {
        Path config = conf.write();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Startup flags only: C1 and serial GC start a small JVM fastest on a shared 2-core box.
        List<String> command = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
                "-Xss512k", "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.allocd.Main", "daemon",
                "--config", config.toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return this;
    }

    /** SIGKILL: no shutdown hook, no drain, no checkpoint. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    ObjectNode admin(String json) throws IOException {
        return WireClient.ask(conf.adminSocket, json, ASK_TIMEOUT_MILLIS);
    }

    ObjectNode hook(String json) throws IOException {
        return WireClient.ask(conf.hookSocket, json, ASK_TIMEOUT_MILLIS);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM and wait: the graceful stop. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
