package org.allocd.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.allocd.config.ConfigLoader;
import org.allocd.config.ConfigReloader;
import org.allocd.reliability.WireClient;
import org.allocd.slurm.SlurmShim;
import org.allocd.store.StoreLocation;
import org.allocd.store.TestStore;

/**
 * The one way tests start allocd: a {@link Builder} writes the allocd.conf (a small standard file with each test's
 * own keys on top), then the real daemon starts in this JVM on temp sockets and a temp SQLite file or a schema on
 * the test PostgreSQL. reliability's DaemonProcess runs the same file in a JVM of its own.
 */
public final class DaemonFixture implements AutoCloseable {
    public static final String CLUSTER = "testcluster";
    /** The HMAC secret of the HTTP API's test keys: "portal" for alice, and this + "ff" for "ops" (root). */
    public static final String SECRET = "0123456789abcdef0123456789abcdef";
    static final long ASK_TIMEOUT_MILLIS = 10_000;

    public final Path dir;
    public final Path config;
    public final Path hookSocket;
    public final Path adminSocket;
    /** The HTTP API's loopback port; 0 when the builder did not ask for {@link Builder#http()}. */
    public final int httpPort;
    public ConfigReloader reloader;
    public Daemon daemon;
    private final Builder settings;

    /** The standard daemon of the daemon package's tests: HTTP on, a SQLite file. */
    public DaemonFixture(Path dir) throws Exception {
        this(dir, TestStore.SQLITE);
    }

    public DaemonFixture(Path dir, TestStore store) throws Exception {
        this(dir, CLUSTER, store.fresh(dir));
    }

    /** An allocd of this cluster on this store; several may share one PostgreSQL store. */
    public DaemonFixture(Path dir, String cluster, StoreLocation store) throws Exception {
        this(in(dir).cluster(cluster).store(store).http());
    }

    private DaemonFixture(Builder settings) throws Exception {
        this.settings = settings;
        dir = settings.dir;
        config = settings.config;
        hookSocket = settings.hookSocket;
        adminSocket = settings.adminSocket;
        settings.write();
        httpPort = settings.httpPort;
        start();
    }

    /** A builder for a daemon under dir: sockets in dir/run, state in dir/state, the standard rates. */
    public static Builder in(Path dir) throws IOException {
        return new Builder(dir);
    }

    /** Starts the daemon on the current file (again, after {@link #stop()}). */
    public void start() throws Exception {
        reloader = new ConfigReloader(config, ConfigLoader.load(config));
        Optional<Path> shim = settings.slurmShim;
        shim.ifPresent(path -> System.setProperty(SlurmShim.PATH_PROPERTY, path.toString()));
        try {
            daemon = Daemon.start(reloader, settings.clock);
        } finally {
            shim.ifPresent(path -> System.clearProperty(SlurmShim.PATH_PROPERTY));
        }
    }

    public void stop() {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }

    /** Stops the daemon and starts a new one on the same files and clock. */
    public void restart() throws Exception {
        stop();
        start();
    }

    /** Rewrites allocd.conf with a change to its settings (for a reload, or the hooks' next read). */
    public void reconfigure(Consumer<Builder> change) throws IOException {
        change.accept(settings);
        settings.write();
    }

    /** Rewrites allocd.conf with another rate for partition gpu. */
    public void writeConfig(String gpuRate) throws IOException {
        reconfigure(b -> b.rates("[partition gpu]", "rate = " + gpuRate, "max_time = 1-00:00:00", "[qos]",
                "premium = 10"));
    }

    public ObjectNode hook(String json) throws IOException {
        return WireClient.ask(hookSocket, json, ASK_TIMEOUT_MILLIS);
    }

    public ObjectNode admin(String json) throws IOException {
        return WireClient.ask(adminSocket, json, ASK_TIMEOUT_MILLIS);
    }

    public ObjectNode verify() throws IOException {
        return admin("{\"op\":\"verify\"}");
    }

    public long journalEntries() throws IOException {
        return verify().get("journal_entries").asLong();
    }

    /** Seeds one funded account "proj" (100 SU) with member "alice". */
    public void seed() throws IOException {
        admin("{\"op\":\"create_account\",\"name\":\"proj\",\"key\":\"seed-1\"}");
        admin("{\"op\":\"add_user\",\"name\":\"alice\",\"default_account\":\"proj\",\"key\":\"seed-2\"}");
        admin("{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":100000000,\"key\":\"seed-3\"}");
    }

    @Override
    public void close() {
        stop();
    }

    /** What goes into allocd.conf; {@link #start()} writes it and starts the daemon. */
    public static final class Builder {
        public final Path dir;
        public final Path config;
        public final Path hookSocket;
        public final Path adminSocket;
        private String cluster = CLUSTER;
        private Path stateDir;
        private List<String> storeLines = List.of();
        private final Map<String, String> keys = new LinkedHashMap<>();
        private List<String> rates = List.of("[partition gpu]", "rate = 1.0", "max_time = 1-00:00:00", "[qos]",
                "premium = 10");
        private Clock clock = Clock.systemUTC();
        private Optional<Path> slurmShim = Optional.empty();
        private int httpPort;

        private Builder(Path dir) throws IOException {
            this.dir = dir;
            config = dir.resolve("allocd.conf");
            hookSocket = dir.resolve("run/hook.sock");
            adminSocket = dir.resolve("run/admin.sock");
            stateDir = dir.resolve("state");
            Files.createDirectories(hookSocket.getParent());
            // Other uids (setpriv tests) must reach the sockets, so only the daemon's own checks refuse them.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(hookSocket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        public Builder cluster(String name) {
            cluster = name;
            return this;
        }

        /** Where the state (and the SQLite file) lives; may be on another filesystem, e.g. a small tmpfs. */
        public Builder stateDir(Path path) {
            stateDir = path;
            return this;
        }

        public Path stateDir() {
            return stateDir;
        }

        /** The SQLite file when the store is left at its default. */
        public Path database() {
            return stateDir.resolve(ConfigLoader.DATABASE_FILE_NAME);
        }

        /** A SQLite file elsewhere, or a PostgreSQL schema (its login goes into a mode 600 file of its own). */
        public Builder store(StoreLocation location) throws IOException {
            if (location instanceof StoreLocation.Postgresql pg) {
                Path login = dir.resolve("pg-login");
                Files.writeString(login, "user = " + pg.user() + "\npassword = " + pg.password() + "\n");
                Files.setPosixFilePermissions(login, PosixFilePermissions.fromString("rw-------"));
                storeLines = List.of("store = postgresql", "postgresql_url = " + pg.jdbcUrl(),
                        "postgresql_credentials_file = " + login);
            } else {
                storeLines = List.of("database = " + ((StoreLocation.SqliteFile) location).file());
            }
            return this;
        }

        /** A global key of allocd.conf; set again, the last value wins. */
        public Builder set(String key, Object value) {
            keys.put(key, String.valueOf(value));
            return this;
        }

        /** The [partition ...] and [qos] sections, replacing the standard ones (gpu at 1.0, qos premium = 10). */
        public Builder rates(String... sectionLines) {
            rates = List.of(sectionLines);
            return this;
        }

        /** The HTTP API on a free loopback port, with the test keys of {@link #SECRET}. */
        public Builder http() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                httpPort = socket.getLocalPort();
            }
            Path apiKeys = dir.resolve("api-keys");
            Files.writeString(apiKeys, "portal alice " + SECRET + "\nops root " + SECRET + "ff\n");
            Files.setPosixFilePermissions(apiKeys, PosixFilePermissions.fromString("rw-------"));
            return set("http_listen", "127.0.0.1:" + httpPort).set("api_keys_file", apiKeys);
        }

        /** The clock the daemon runs on (a test moves it: ledger's TestClock). */
        public Builder clock(Clock daemonClock) {
            clock = daemonClock;
            return this;
        }

        /** Starts the daemon with this libslurmshim, so short funds and lien expiry ask a real Slurm; null: none. */
        public Builder slurmShim(Path library) {
            slurmShim = Optional.ofNullable(library);
            return this;
        }

        /** Writes allocd.conf (mode 644, as the hooks read it too) and returns its path. */
        public Path write() throws IOException {
            List<String> lines = new ArrayList<>(List.of("cluster_name = " + cluster, "state_dir = " + stateDir,
                    "hook_socket = " + hookSocket, "admin_socket = " + adminSocket, "slurm_user = root"));
            lines.addAll(storeLines);
            keys.forEach((key, value) -> lines.add(key + " = " + value));
            lines.addAll(rates);
            Files.write(config, lines, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
            return config;
        }

        /** Writes allocd.conf and starts the daemon in this JVM. */
        public DaemonFixture start() throws Exception {
            return new DaemonFixture(this);
        }
    }
}
