package org.allocd.daemon;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.allocd.cli.AdminClient;
import org.allocd.config.AllocdConfig;
import org.allocd.config.ConfigException;
import org.allocd.config.ConfigLoader;
import org.allocd.config.ConfigReloader;

/**
 * `allocd self-test`: starts a whole daemon (store, migrations, event loops,
 * sockets, native libraries) on a throwaway store and sockets in a temporary
 * directory, asks it `ping` over its admin socket as allocmgr does, and
 * stops it. It checks that the installed jar runs on this host, and it is the
 * run that records the classes a start loads into a class data sharing
 * archive (java -XX:ArchiveClassesAtExit=allocd.jsa -jar allocd.jar
 * self-test, as scripts/allocd cds-archive does): the daemon then starts
 * from that archive.
 */
public final class SelfTest {
    private static final long ANSWER_TIMEOUT_MILLIS = 10_000;

    private SelfTest() {}

    public static int run(String[] args) {
        if (args.length != 0) {
            System.err.println("usage: allocd self-test   (takes no arguments; starts allocd on a temporary store,"
                    + " pings it and stops it)");
            return DaemonMain.EXIT_USAGE;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("allocd-self-test");
        } catch (IOException e) {
            System.err.println("self-test: cannot make a temporary directory (" + e.getMessage() + "); set"
                    + " -Djava.io.tmpdir to a writable directory");
            return DaemonMain.EXIT_FAILED;
        }
        try {
            return startAndPing(dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static int startAndPing(Path dir) {
        long startNanos = System.nanoTime();
        Path configFile = dir.resolve("allocd.conf");
        String me = System.getProperty("user.name");
        AllocdConfig config;
        try {
            Files.writeString(configFile, String.join("\n",
                    "cluster_name = selftest",
                    "state_dir = " + dir.resolve("state"),
                    "spool_dir = " + dir.resolve("spool"),
                    "hook_socket = " + dir.resolve("hook.sock"),
                    "admin_socket = " + dir.resolve("admin.sock"),
                    "slurm_user = " + me,
                    "admins = " + me, ""));
            // allocd refuses a config others can write; a umask such as 002 would make this one so.
            Files.setPosixFilePermissions(configFile, PosixFilePermissions.fromString("rw-------"));
            config = ConfigLoader.load(configFile);
        } catch (IOException | ConfigException e) {
            System.err.println("self-test: cannot write its configuration in " + dir + ": " + e.getMessage());
            return DaemonMain.EXIT_FAILED;
        }
        ConfigReloader reloader = new ConfigReloader(configFile, config);
        try (Daemon daemon = Daemon.start(reloader, Clock.systemUTC())) {
            long readyMillis = (System.nanoTime() - startNanos) / 1_000_000;
            ObjectNode ping = JsonNodeFactory.instance.objectNode().put("op", "ping");
            ObjectNode answer = new AdminClient(reloader.restart().adminSocket(), ANSWER_TIMEOUT_MILLIS).ask(ping);
            if (!answer.path("ok").asBoolean()) {
                System.err.println("self-test: allocd refused ping: " + answer);
                return DaemonMain.EXIT_FAILED;
            }
            System.out.println("allocd self-test ok: ready in " + readyMillis + " ms, ping answered");
            return 0;
        } catch (IOException | RuntimeException e) {
            // AdminClientException and a failed start say what went wrong in their message.
            System.err.println("self-test: allocd did not work: " + e.getMessage());
            return DaemonMain.EXIT_FAILED;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("self-test: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
