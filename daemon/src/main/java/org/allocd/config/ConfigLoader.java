package org.allocd.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.allocd.charge.ChargeRates;

/**
 * Reads and validates allocd.conf. Either every line is valid and a complete {@link AllocdConfig} comes back, or a
 * {@link ConfigException} lists every problem with its line; nothing is ever half-applied.
 */
public final class ConfigLoader {
    public static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/allocd/allocd.conf");
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/allocd");
    public static final String DATABASE_FILE_NAME = "allocd.db";
    public static final Path DEFAULT_HOOK_SOCKET = Path.of("/run/allocd/hook.sock");
    public static final Path DEFAULT_SPOOL_DIR = Path.of("/var/spool/allocd");
    public static final Path DEFAULT_ADMIN_SOCKET = Path.of("/run/allocd/admin.sock");
    public static final String DEFAULT_SLURM_USER = "slurm";
    public static final int DEFAULT_HOOK_TIMEOUT_MILLIS = 200;
    public static final long DEFAULT_LIEN_GRACE_SECONDS = 300;
    /** slurmctld waits on the hooks while it holds its locks: 5 s is already far too long, 10 ms is below a JVM hiccup. */
    static final int MIN_HOOK_TIMEOUT_MILLIS = 10;
    static final int MAX_HOOK_TIMEOUT_MILLIS = 5000;
    static final int MIN_SLURM_TIMEOUT_MILLIS = 100;
    static final int MAX_SLURM_TIMEOUT_MILLIS = 60_000;
    static final long MAX_LIEN_GRACE_SECONDS = 7 * 24 * 3600;

    static final int DEFAULT_ADMIN_LISTEN_RATE = 50;
    static final int MAX_ADMIN_LISTEN_RATE = 100_000;
    /** Slurm's billing of one unit: at most one per core of the largest cpus_per_unit. */
    static final int MAX_BILLING_PER_UNIT = 1_000_000;
    static final String DEFAULT_MUNGE_SOCKET = "/run/munge/munge.socket.2";

    private static final String GLOBAL_TITLE = "the global section (before the first [section])";

    private ConfigLoader() {}

    public static AllocdConfig load(Path file) throws ConfigException {
        String name = file.toString();
        List<String> lines = readSafely(file, name);
        List<ConfigError> errors = new ArrayList<>();
        ConfigSyntax.Sections sections = ConfigSyntax.parse(name, lines, errors);

        SectionReader global = new SectionReader(name, sections.global(), errors);
        Optional<String> clusterName = global.required("cluster_name", Values.clusterName(),
                "add \"cluster_name = NAME\" before the first [section], with the ClusterName from slurm.conf");
        Path stateDir = global.value("state_dir", DEFAULT_STATE_DIR, Values.absolutePath());
        Path databaseFile = global.optional("database", Values.absolutePath())
                .orElse(stateDir.resolve(DATABASE_FILE_NAME));
        StoreKind store = global.value("store", StoreKind.SQLITE, Values.oneOf(StoreKind.class, false));
        Optional<PostgresqlConfig> postgresql = postgresql(global, store);
        // The hooks read spool_dir and the slurm_* keys too, into buffers of their own size.
        Path spoolDir = global.value("spool_dir", DEFAULT_SPOOL_DIR, Values.hookPath());
        SlurmSettings slurm = new SlurmSettings(global.optional("slurm_conf", Values.hookPath()),
                global.value("slurm_bin_dir", SlurmSettings.DEFAULT_BIN_DIR, Values.hookPath()),
                global.value("slurm_timeout_ms", SlurmSettings.DEFAULT_TIMEOUT_MILLIS,
                        Values.intInRange(MIN_SLURM_TIMEOUT_MILLIS, MAX_SLURM_TIMEOUT_MILLIS)));
        Path hookSocket = global.value("hook_socket", DEFAULT_HOOK_SOCKET, Values.socketPath());
        Path adminSocket = global.value("admin_socket", DEFAULT_ADMIN_SOCKET, Values.socketPath());
        if (hookSocket.equals(adminSocket)) {
            global.entry("admin_socket").or(() -> global.entry("hook_socket")).ifPresent(entry -> global.error(entry,
                    "hook_socket and admin_socket are both " + hookSocket + "; give each its own path"));
        }
        Optional<String> socketGroup = global.optional("socket_group", Values.unixName());
        String slurmUser = global.value("slurm_user", DEFAULT_SLURM_USER, Values.unixName());
        Optional<HttpListen> httpListen = global.optional("http_listen", Values.hostPort());
        Optional<Path> apiKeysFile = global.optional("api_keys_file", Values.absolutePath());
        if (httpListen.isPresent() && apiKeysFile.isEmpty()) {
            ConfigEntry listen = global.entry("http_listen").orElseThrow();
            errors.add(new ConfigError(name, listen.line(), "api_keys_file", "missing; http_listen on this line turns"
                    + " on the HTTP API, which needs its keys: add \"api_keys_file = /etc/allocd/api-keys\""
                    + " or leave http_listen empty"));
        }

        ReachConfig reach = new ReachConfig(global.optional("admin_listen", Values.hostPort()),
                global.value("admin_listen_rate", DEFAULT_ADMIN_LISTEN_RATE, Values.intInRange(1, MAX_ADMIN_LISTEN_RATE)),
                global.value("munge_socket", Path.of(DEFAULT_MUNGE_SOCKET), Values.socketPath()),
                global.optional("ood_balance_file", Values.absolutePath()), PortalConfig.read(global));

        Set<String> admins = global.optional("admins", Values.unixNames()).orElse(Set.of());
        int hookTimeoutMillis = global.value("hook_timeout_ms", DEFAULT_HOOK_TIMEOUT_MILLIS,
                Values.intInRange(MIN_HOOK_TIMEOUT_MILLIS, MAX_HOOK_TIMEOUT_MILLIS));
        HookFailPolicy hookFailPolicy = global.value("hook_fail_policy", HookFailPolicy.OPEN,
                Values.oneOf(HookFailPolicy.class, false));
        StartFailureAction startFailureAction = global.value("start_failure_action", StartFailureAction.HOLD,
                Values.oneOf(StartFailureAction.class, false));
        ShortFundsMode shortFundsMode = global.value("short_funds_mode", ShortFundsMode.HOLD,
                Values.oneOf(ShortFundsMode.class, false));
        long lienGraceSeconds = global.value("lien_grace_seconds", DEFAULT_LIEN_GRACE_SECONDS,
                Values.longInRange(0, MAX_LIEN_GRACE_SECONDS));
        LogLevel logLevel = global.value("log_level", LogLevel.INFO, Values.oneOf(LogLevel.class, false));
        AlertConfig alerts = AlertConfig.read(global);
        long storageRateMicroSu = global.value("storage_rate", 0L, Values.microSu());
        boolean chargeReservations = global.value("charge_reservations", false, Values.bool());
        int qosBillingPerUnit = global.value("qos_billing_per_unit", 1, Values.intInRange(1, MAX_BILLING_PER_UNIT));

        ChargeRatesReader chargeRatesReader = new ChargeRatesReader(name, sections, global, errors);
        ChargeRates chargeRates = chargeRatesReader.read();
        global.reportUnknownKeys(chargeRatesReader.partitionKeys().stream()
                .collect(Collectors.toMap(key -> key, key -> "a [partition NAME] section")));
        chargeRatesReader.reportUnknownKeys(global.knownKeys().stream()
                .collect(Collectors.toMap(key -> key, key -> GLOBAL_TITLE)));

        if (!errors.isEmpty() || clusterName.isEmpty()) {
            errors.sort(Comparator.comparingInt(ConfigError::line));
            throw new ConfigException(errors);
        }
        return new AllocdConfig(
                new RestartConfig(clusterName.get(), stateDir, databaseFile, hookSocket, adminSocket, socketGroup,
                        slurmUser, store, httpListen, apiKeysFile, spoolDir, slurm, postgresql, reach),
                new ReloadableConfig(chargeRates, admins, hookTimeoutMillis, hookFailPolicy, startFailureAction,
                        shortFundsMode, lienGraceSeconds, logLevel, alerts, storageRateMicroSu,
                        chargeReservations, qosBillingPerUnit),
                EffectiveConfig.of(name, global, sections));
    }

    /** postgresql_url and postgresql_credentials_file: both needed by store = postgresql, refused beside sqlite. */
    private static Optional<PostgresqlConfig> postgresql(SectionReader global, StoreKind store) {
        Optional<String> url = global.optional("postgresql_url", Values.postgresqlUrl());
        Optional<Path> credentialsFile = global.optional("postgresql_credentials_file", Values.absolutePath());
        List<ConfigEntry> written = Stream.of("postgresql_url", "postgresql_credentials_file")
                .flatMap(key -> global.entry(key).stream()).filter(entry -> !entry.value().isEmpty()).toList();
        if (store != StoreKind.POSTGRESQL) {
            written.forEach(entry -> global.error(entry, "set, but the store is sqlite; add"
                    + " \"store = postgresql\" to use PostgreSQL, or remove this line"));
            return Optional.empty();
        }
        ConfigEntry storeEntry = global.entry("store").orElseThrow();
        global.entry("database").filter(entry -> !entry.value().isEmpty()).ifPresent(entry -> global.error(entry,
                "names a SQLite file, but the store is postgresql; remove this line (to move that ledger into"
                        + " PostgreSQL, use allocd migrate-store)"));
        if (written.stream().noneMatch(entry -> entry.key().equals("postgresql_url"))) {
            global.error(storeEntry, "store = postgresql needs postgresql_url; add"
                    + " \"postgresql_url = jdbc:postgresql://HOST:5432/allocd\"");
        }
        if (written.stream().noneMatch(entry -> entry.key().equals("postgresql_credentials_file"))) {
            global.error(storeEntry, "store = postgresql needs postgresql_credentials_file; add"
                    + " \"postgresql_credentials_file = /etc/allocd/postgresql\" (a mode 600 file with user = and"
                    + " password = lines)");
        }
        if (url.isEmpty() || credentialsFile.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PostgresqlConfig(url.get(), credentialsFile.get(),
                    PostgresqlLogin.read(credentialsFile.get())));
        } catch (IllegalArgumentException bad) {
            global.error(global.entry("postgresql_credentials_file").orElseThrow(), bad.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Reads the file after checking it is safe to trust: the file decides what every job costs, so a file that
     * someone other than its owner can change is refused. Reading it is fine; it holds no secrets.
     */
    private static List<String> readSafely(Path file, String name) throws ConfigException {
        try {
            if (!Files.isRegularFile(file)) {
                throw fileError(name, Files.exists(file)
                        ? "not a regular file; point --config at the allocd.conf file"
                        : "no such file; create it from conf/allocd.conf or point --config at it");
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw fileError(name, "writable by group or others (mode " + octal(permissions)
                        + "), so someone else could change rates; run: chmod go-w " + name);
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException gone) {
            throw fileError(name, "no such file; create it from conf/allocd.conf or point --config at it");
        } catch (CharacterCodingException notText) {
            throw fileError(name, "not valid UTF-8 text; save the file as UTF-8");
        } catch (IOException unreadable) {
            throw fileError(name, "cannot be read (" + unreadable.getMessage() + "); check the path and that allocd's"
                    + " user may read it");
        }
    }

    private static ConfigException fileError(String name, String message) {
        return new ConfigException(List.of(new ConfigError(name, 0, "", message)));
    }

    private static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            // PosixFilePermission is declared from OWNER_READ (0400) down to OTHERS_EXECUTE (0001).
            mode |= 0400 >> permission.ordinal();
        }
        return String.format(Locale.ROOT, "%03o", mode);
    }
}
