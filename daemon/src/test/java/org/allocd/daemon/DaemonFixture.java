package org.allocd.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.allocd.config.ConfigLoader;
import org.allocd.config.ConfigReloader;
import org.allocd.server.FrameClient;
import org.allocd.store.StoreLocation;
import org.allocd.store.TestStore;

/** A real allocd on temp sockets, a temp SQLite file or a schema on the test PostgreSQL, and a loopback HTTP port. */
final class DaemonFixture implements AutoCloseable {
    static final String SECRET = "0123456789abcdef0123456789abcdef";

    final Path dir;
    final Path config;
    final Path hookSocket;
    final Path adminSocket;
    final int httpPort;
    private final String cluster;
    private final List<String> storeLines;
    final ConfigReloader reloader;
    final Daemon daemon;

    DaemonFixture(Path dir) throws Exception {
        this(dir, TestStore.SQLITE);
    }

    DaemonFixture(Path dir, TestStore store) throws Exception {
        this(dir, "testcluster", store.fresh(dir));
    }

    /** An allocd of this cluster on this store; several may share one PostgreSQL store. */
    DaemonFixture(Path dir, String cluster, StoreLocation store) throws Exception {
        this.dir = dir;
        this.cluster = cluster;
        storeLines = storeLines(store, dir.resolve("pg-login"));
        // Other uids (setpriv tests) must reach the sockets, so only the daemon's own checks refuse them.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        hookSocket = dir.resolve("run/hook.sock");
        adminSocket = dir.resolve("run/admin.sock");
        Files.createDirectories(hookSocket.getParent());
        Files.setPosixFilePermissions(hookSocket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        httpPort = freePort();
        Path keys = dir.resolve("api-keys");
        Files.writeString(keys, "portal alice " + SECRET + "\nops root " + SECRET + "ff\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        config = dir.resolve("allocd.conf");
        writeConfig("1.0");
        reloader = new ConfigReloader(config, ConfigLoader.load(config));
        daemon = Daemon.start(reloader, Clock.systemUTC());
    }

    void writeConfig(String gpuRate) throws IOException {
        Files.writeString(config, String.join("\n",
                "cluster_name = " + cluster,
                "state_dir = " + dir.resolve("state"),
                "hook_socket = " + hookSocket,
                "admin_socket = " + adminSocket,
                "slurm_user = root",
                "http_listen = 127.0.0.1:" + httpPort,
                "api_keys_file = " + dir.resolve("api-keys"),
                String.join("\n", storeLines),
                "[partition gpu]",
                "rate = " + gpuRate,
                "max_time = 1-00:00:00",
                "[qos]",
                "premium = 10",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** The store keys of allocd.conf; a PostgreSQL login goes into its own mode 600 file. */
    private static List<String> storeLines(StoreLocation location, Path loginFile) throws IOException {
        if (!(location instanceof StoreLocation.Postgresql pg)) {
            return List.of("database = " + ((StoreLocation.SqliteFile) location).file());
        }
        Files.writeString(loginFile, "user = " + pg.user() + "\npassword = " + pg.password() + "\n");
        Files.setPosixFilePermissions(loginFile, PosixFilePermissions.fromString("rw-------"));
        return List.of("store = postgresql", "postgresql_url = " + pg.jdbcUrl(),
                "postgresql_credentials_file = " + loginFile);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    ObjectNode hook(String json) throws IOException {
        try (FrameClient client = FrameClient.connect(hookSocket)) {
            return client.ask(json);
        }
    }

    ObjectNode admin(String json) throws IOException {
        try (FrameClient client = FrameClient.connect(adminSocket)) {
            return client.ask(json);
        }
    }

    long journalEntries() throws IOException {
        return admin("{\"op\":\"verify\"}").get("journal_entries").asLong();
    }

    /** Seeds one funded account with a member. */
    void seed() throws IOException {
        admin("{\"op\":\"create_account\",\"name\":\"proj\",\"key\":\"seed-1\"}");
        admin("{\"op\":\"add_user\",\"name\":\"alice\",\"default_account\":\"proj\",\"key\":\"seed-2\"}");
        admin("{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":100000000,\"key\":\"seed-3\"}");
    }

    @Override
    public void close() {
        daemon.close();
    }
}
