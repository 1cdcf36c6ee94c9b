package org.allocd.munge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A real munged with a key this test makes, on its own socket (never the Slurm bed's or the host's).
 * Runs as root with --force: the test owns every file it uses.
 */
public final class TestMunged implements AutoCloseable {
    private final Path dir;
    private final Path key;
    private Process process;

    private TestMunged(Path dir) {
        this.dir = dir;
        this.key = dir.resolve("munge.key");
    }

    /** Whether munged and mungekey are installed (Debian: munge). */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/munged")) && Files.isExecutable(Path.of("/usr/sbin/mungekey"));
    }

    /** A fresh key in dir (readable by any uid for the socket's sake, the key itself root-only), then munged. */
    public static TestMunged start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestMunged munged = new TestMunged(dir);
        run("mungekey", "--create", "--keyfile=" + munged.key);
        munged.start();
        return munged;
    }

    public Path socket() {
        return dir.resolve("munge.socket");
    }

    /** Starts munged again (after stop()) with the same key. */
    public void start() throws IOException, InterruptedException {
        Files.deleteIfExists(socket());
        process = new ProcessBuilder("munged", "--foreground", "--force", "--socket=" + socket(),
                "--key-file=" + key, "--pid-file=" + dir.resolve("munged.pid"),
                "--seed-file=" + dir.resolve("munged.seed"), "--log-file=" + dir.resolve("munged.log"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("munged.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("munged did not start; see " + dir.resolve("munged.out") + ": "
                        + Files.readString(dir.resolve("munged.out")));
            }
            Thread.sleep(20);
        }
    }

    /** Stops munged (its socket goes with it), as a node whose munged is down. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
