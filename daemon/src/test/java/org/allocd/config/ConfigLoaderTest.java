package org.allocd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.allocd.charge.ChargePolicy;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.Multiplier;
import org.allocd.charge.NodeChargePolicy;
import org.allocd.charge.PartitionRates;
import org.allocd.charge.Rounding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path file(String text) {
        return ConfigFiles.write(dir.resolve("allocd.conf"), text);
    }

    private AllocdConfig load(String text) throws ConfigException {
        return ConfigLoader.load(file(text));
    }

    private List<ConfigError> errors(String text) {
        return assertThrows(ConfigException.class, () -> load(text)).errors();
    }

    @Test
    void exampleLoadsClean() throws ConfigException {
        AllocdConfig config = load(ConfigFiles.example());

        assertEquals("mycluster", config.restart().clusterName());
        ChargeRates rates = config.reloadable().chargeRates();
        assertEquals(Set.of("default", "debug", "gh200"), rates.partitions().keySet());
        assertEquals(new Multiplier(500_000), rates.partitions().get("debug").multiplier());
        assertEquals(30 * 60, rates.partitions().get("debug").maxTimeLimitSeconds());
        assertEquals(2 * 24 * 3600, rates.partitions().get("gh200").maxTimeLimitSeconds());
        assertEquals(Map.of("normal", Multiplier.ONE, "premium", new Multiplier(10_000_000), "standby", new Multiplier(0)),
                rates.qosMultipliers());
    }

    /** Every "#key = value" line of the example documents a default: un-commenting them all must change nothing. */
    @Test
    void exampleDocumentsTheRealDefaults() throws ConfigException {
        String example = ConfigFiles.example();
        Pattern documentedDefault = Pattern.compile("(?m)^#([a-z_]+) =.*$");
        String uncommented = documentedDefault.matcher(example).replaceAll(match -> match.group().substring(1));

        AllocdConfig commented = load(example);
        AllocdConfig explicit = ConfigLoader.load(ConfigFiles.write(dir.resolve("uncommented.conf"), uncommented));
        assertEquals(commented.restart(), explicit.restart());
        assertEquals(commented.reloadable(), explicit.reloadable());
        Set<String> documented = documentedDefault.matcher(example).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
        Set<String> known = new HashSet<>(knownKeys("the global section", ""));
        known.addAll(knownKeys("[partition x]", "[partition x]\n"));
        // Required, and patterns: shown in prose instead.
        known.removeAll(Set.of("cluster_name", "node_class.NAME", "node_class_nodes.NAME"));
        assertEquals(known, documented);
    }

    /** The keys a section knows, as listed by the error for an unknown key. */
    private List<String> knownKeys(String title, String header) {
        String message = errors("cluster_name = alpha\n" + header + "frobnicate = 1\n").get(0).message();
        String list = message.substring(message.indexOf("the keys of " + title + " are ")
                + ("the keys of " + title + " are ").length());
        return List.of(list.split(", "));
    }

    @Test
    void aFileWithOnlyTheClusterNameGetsEveryDefault() throws ConfigException {
        AllocdConfig config = load("cluster_name = alpha\n");

        assertEquals(new RestartConfig("alpha", Path.of("/var/lib/allocd"), Path.of("/var/lib/allocd/allocd.db"),
                Path.of("/run/allocd/hook.sock"), Path.of("/run/allocd/admin.sock"), Optional.empty(), "slurm",
                StoreKind.SQLITE, Optional.empty(), Optional.empty(), Path.of("/var/spool/allocd"),
                new SlurmSettings(Optional.empty(), Path.of("/usr/bin"), 5000), Optional.empty(), ReachConfig.off()),
                config.restart());
        assertEquals(new ReloadableConfig(
                new ChargeRates(Map.of("default", PartitionRates.defaults("default")), Map.of(), ChargePolicy.DEBITALLWC,
                        false),
                Set.of(), 200, HookFailPolicy.OPEN, StartFailureAction.HOLD, ShortFundsMode.HOLD, 300, LogLevel.INFO,
                        AlertConfig.defaults(), 0, false, 1),
                config.reloadable());
    }

    /** One block for the log at start: every global key once with its value in effect, then the sections. */
    @Test
    void theEffectiveConfigurationShowsEveryKeyAndMarksDefaults() throws ConfigException {
        EffectiveConfig effective = load("""
                cluster_name = alpha
                hook_timeout_ms = 500
                admins = bob, alice
                [partition debug]
                rate = 0.5
                max_time = 30:00
                [qos]
                premium = 10
                """).effective();

        List<String> lines = effective.lines();
        assertTrue(effective.text().startsWith("configuration in effect (" + dir.resolve("allocd.conf")
                + "; (default) = not in the file):\n  "), effective::text);
        assertTrue(lines.contains("hook_timeout_ms              500"), effective::text);
        assertTrue(lines.contains("admins                       bob, alice"), effective::text);
        assertTrue(lines.contains("hook_fail_policy             open (default)"), effective::text);
        assertTrue(lines.contains("charge_policy                DEBITALLWC (default)"), effective::text);
        assertTrue(lines.contains("spool_dir                    /var/spool/allocd (default)"), effective::text);
        assertTrue(lines.contains("http_listen                  (not set)"), effective::text);
        assertTrue(lines.contains("[partition debug]            rate = 0.5, max_time = 30:00"), effective::text);
        assertTrue(lines.contains("[qos]                        premium = 10"), effective::text);
        Set<String> known = new HashSet<>(knownKeys("the global section", ""));
        known.remove("node_class_nodes.NAME"); // a pattern: one line per class set
        for (String key : known) {
            assertEquals(1, lines.stream().filter(line -> line.startsWith(key + " ")).count(), key);
        }
        assertEquals(known.size() + 2, lines.size(), effective::text);
    }

    @Test
    void readsEveryGlobalKey() throws ConfigException {
        AllocdConfig config = load("""
                cluster_name = alpha
                state_dir = /srv/allocd/
                database = /srv/db/ledger.db
                store = SQLite
                spool_dir = /srv/spool
                slurm_conf = /etc/slurm-test/slurm.conf
                slurm_bin_dir = /opt/slurm/bin
                slurm_timeout_ms = 2000
                hook_socket = /srv/run/hook.sock
                admin_socket = /srv/run/admin.sock
                socket_group = slurm
                slurm_user = slurmd
                http_listen = [::1]:8787
                api_keys_file = /etc/allocd/api-keys
                admin_listen = *:6820
                admin_listen_rate = 20
                munge_socket = /run/munge/other.socket
                ood_balance_file = /var/lib/ood/balances.json
                admins = alice, bob,alice
                hook_timeout_ms = 500
                hook_fail_policy = closed
                start_failure_action = requeue
                short_funds_mode = qos
                charge_policy = debitsuccessfulwc
                allow_overrun = yes
                lien_grace_seconds = 0
                log_level = DEBUG
                """);

        assertEquals(new RestartConfig("alpha", Path.of("/srv/allocd"), Path.of("/srv/db/ledger.db"),
                Path.of("/srv/run/hook.sock"), Path.of("/srv/run/admin.sock"), Optional.of("slurm"), "slurmd",
                StoreKind.SQLITE, Optional.of(new HttpListen("::1", 8787)), Optional.of(Path.of("/etc/allocd/api-keys")),
                Path.of("/srv/spool"), new SlurmSettings(Optional.of(Path.of("/etc/slurm-test/slurm.conf")),
                Path.of("/opt/slurm/bin"), 2000), Optional.empty(), new ReachConfig(
                Optional.of(new HttpListen("*", 6820)), 20, Path.of("/run/munge/other.socket"),
                Optional.of(Path.of("/var/lib/ood/balances.json")), PortalConfig.defaults())), config.restart());
        ReloadableConfig reloadable = config.reloadable();
        assertEquals(Set.of("alice", "bob"), reloadable.admins());
        assertEquals(500, reloadable.hookTimeoutMillis());
        assertEquals(HookFailPolicy.CLOSED, reloadable.hookFailPolicy());
        assertEquals(StartFailureAction.REQUEUE, reloadable.startFailureAction());
        assertEquals(ShortFundsMode.QOS, reloadable.shortFundsMode());
        assertEquals(ChargePolicy.DEBITSUCCESSFULWC, reloadable.chargeRates().policy());
        assertTrue(reloadable.chargeRates().allowOverrun());
        assertEquals(0, reloadable.lienGraceSeconds());
        assertEquals(LogLevel.DEBUG, reloadable.logLevel());
        assertEquals("[::1]:8787", config.restart().httpListen().orElseThrow().toString());
    }

    @Test
    void nodeClassNodesMapEachNodeOfASlurmNodeListToItsClass() throws ConfigException {
        ChargeRates rates = load("""
                cluster_name = alpha
                node_class_nodes.gpu = gpu[01-02],big
                node_class_nodes.cpu = node[1-3]
                [partition default]
                node_class.gpu = 2.0
                node_class.cpu = 1.0
                """).reloadable().chargeRates();

        assertEquals(List.of("gpu", "cpu", "gpu"), rates.nodeClasses().of(List.of("gpu02", "node3", "big", "login1")));
    }

    @Test
    void partitionDefaultFillsWhatEachPartitionLeavesOut() throws ConfigException {
        ChargeRates rates = load("""
                cluster_name = alpha
                [partition gpu]
                rate = 3
                node_class.b = 0.5
                rounding = exact
                [partition default]
                mem_per_unit = 100GiB
                rate = 2
                node_class.a = 1.5
                node_class.b = 1.0
                node_charge_policy = avg
                [partition cpu]
                cpus_per_unit = 128
                units_per_node = 2
                max_time = 1-00:00
                """).reloadable().chargeRates();

        Map<String, Multiplier> classes = Map.of("a", new Multiplier(1_500_000), "b", Multiplier.ONE);
        assertEquals(new PartitionRates("default", 100L << 30, 72, 4, Rounding.CEIL, new Multiplier(2_000_000), 0,
                classes, NodeChargePolicy.AVG), rates.partitions().get("default"));
        assertEquals(new PartitionRates("gpu", 100L << 30, 72, 4, Rounding.EXACT, new Multiplier(3_000_000), 0,
                Map.of("a", new Multiplier(1_500_000), "b", new Multiplier(500_000)), NodeChargePolicy.AVG),
                rates.partitions().get("gpu"));
        assertEquals(new PartitionRates("cpu", 100L << 30, 128, 2, Rounding.CEIL, new Multiplier(2_000_000), 86_400,
                classes, NodeChargePolicy.AVG), rates.partitions().get("cpu"));
    }

    /** One case per kind of mistake: the file text, the line and key the error must name, and a part of its advice. */
    static Stream<Arguments> mistakes() {
        String head = "cluster_name = alpha\n";
        return Stream.of(
                Arguments.of("unknown key, close to a known one", head + "hook_timout_ms = 300\n",
                        2, "hook_timout_ms", "unknown key; did you mean hook_timeout_ms?"),
                Arguments.of("unknown key, wrong case", head + "Log_Level = info\n",
                        2, "Log_Level", "did you mean log_level?"),
                Arguments.of("unknown key, nothing close", head + "frobnicate = 1\n",
                        2, "frobnicate", "the keys of the global section are cluster_name, state_dir"),
                Arguments.of("unknown key in a partition", head + "[partition gpu]\nmem_per_units = 1GB\n",
                        3, "mem_per_units", "did you mean mem_per_unit?"),
                Arguments.of("partition key in the global section", head + "rate = 2\n",
                        2, "rate", "belongs in a [partition NAME] section, not in the global section"),
                Arguments.of("global key in a partition", head + "[partition gpu]\nhook_timeout_ms = 300\n",
                        3, "hook_timeout_ms", "belongs in the global section (before the first [section])"),
                Arguments.of("duplicate key", head + "hook_timeout_ms = 300\n\nhook_timeout_ms = 400\n",
                        4, "hook_timeout_ms", "duplicate key, already set on line 2"),
                Arguments.of("duplicate key in a partition", head + "[partition gpu]\nrate = 1\nrate = 2\n",
                        4, "rate", "already set on line 3 of [partition gpu]; keep only one"),
                Arguments.of("bad enum value", head + "hook_fail_policy = maybe\n",
                        2, "hook_fail_policy", "\"maybe\" is not a valid value; use one of open, closed"),
                Arguments.of("bad charge policy", head + "charge_policy = DEBITSOME\n",
                        2, "charge_policy", "use one of DEBITALLWC, DEBITSUCCESSFULWC, DEBITALLCPU"),
                Arguments.of("not a number", head + "hook_timeout_ms = fast\n",
                        2, "hook_timeout_ms", "\"fast\" is not a whole number; write a number from 10 to 5000"),
                Arguments.of("below range", head + "hook_timeout_ms = 9\n",
                        2, "hook_timeout_ms", "9 is out of range; use a value from 10 to 5000"),
                Arguments.of("above range", head + "lien_grace_seconds = 604801\n",
                        2, "lien_grace_seconds", "out of range; use a value from 0 to 604800"),
                Arguments.of("empty value", head + "hook_timeout_ms =\n",
                        2, "hook_timeout_ms", "the value is empty; write a value or remove the line"),
                Arguments.of("bad boolean", head + "allow_overrun = sometimes\n",
                        2, "allow_overrun", "write true or false"),
                Arguments.of("relative path", head + "state_dir = var/lib/allocd\n",
                        2, "state_dir", "not an absolute path"),
                Arguments.of("socket path too long", head + "hook_socket = /" + "x".repeat(120) + "\n",
                        2, "hook_socket", "a unix socket path holds at most 107"),
                Arguments.of("path too long for the hooks", head + "slurm_bin_dir = /" + "x".repeat(500) + "\n",
                        2, "slurm_bin_dir", "the Slurm hooks hold at most 500"),
                Arguments.of("slurm timeout below range", head + "slurm_timeout_ms = 99\n",
                        2, "slurm_timeout_ms", "99 is out of range; use a value from 100 to 60000"),
                Arguments.of("one socket for both", head + "hook_socket = /run/a.sock\nadmin_socket = /run/a.sock\n",
                        3, "admin_socket", "give each its own path"),
                Arguments.of("bad user name", head + "admins = alice, b b\n",
                        2, "admins", "\"b b\" is not a unix user or group name"),
                Arguments.of("bad cluster name", "cluster_name = My Cluster\n",
                        1, "cluster_name", "write the ClusterName from slurm.conf in lower case"),
                Arguments.of("postgresql without url", head + "store = postgresql\n"
                        + "postgresql_credentials_file = /etc/allocd/postgresql\n",
                        2, "store", "store = postgresql needs postgresql_url; add \"postgresql_url = jdbc:postgresql://"),
                Arguments.of("postgresql without credentials", head + "store = postgresql\n"
                        + "postgresql_url = jdbc:postgresql://db:5432/allocd\n",
                        2, "store", "store = postgresql needs postgresql_credentials_file"),
                Arguments.of("postgresql key beside sqlite", head + "postgresql_url = jdbc:postgresql://db/allocd\n",
                        2, "postgresql_url", "set, but the store is sqlite; add \"store = postgresql\""),
                Arguments.of("not a postgresql url", head + "store = postgresql\npostgresql_url = db:5432\n"
                        + "postgresql_credentials_file = /etc/allocd/postgresql\n",
                        3, "postgresql_url", "not a PostgreSQL JDBC URL; write jdbc:postgresql://HOST:PORT/DATABASE"),
                Arguments.of("password in the url", head + "store = postgresql\n"
                        + "postgresql_url = jdbc:postgresql://db/allocd?user=a&password=x\n"
                        + "postgresql_credentials_file = /etc/allocd/postgresql\n",
                        3, "postgresql_url", "put it in postgresql_credentials_file"),
                Arguments.of("unknown store", head + "store = mysql\n", 2, "store", "sqlite, postgresql"),
                Arguments.of("bad http_listen", head + "http_listen = localhost\napi_keys_file = /etc/k\n",
                        2, "http_listen", "is not host:port"),
                Arguments.of("port out of range", head + "http_listen = *:70000\napi_keys_file = /etc/k\n",
                        2, "http_listen", "port 70000 is out of range"),
                Arguments.of("http without keys", head + "http_listen = 127.0.0.1:8787\n",
                        2, "api_keys_file", "missing; http_listen on this line turns on the HTTP API"),
                Arguments.of("missing required key", "# comment\nlog_level = info\n\n[partition gpu]\n",
                        3, "cluster_name", "missing required key; add \"cluster_name = NAME\""),
                Arguments.of("ambiguous size", head + "[partition gpu]\nmem_per_unit = 120G\n",
                        3, "mem_per_unit", "ambiguous; write 120GB for powers of 10 or 120GiB"),
                Arguments.of("zero size", head + "[partition gpu]\nmem_per_unit = 0GB\n",
                        3, "mem_per_unit", "must be more than 0 bytes"),
                Arguments.of("bad time", head + "[partition gpu]\nmax_time = 2 days\n",
                        3, "max_time", "\"2 days\" is not a Slurm time; write minutes (90), MM:SS"),
                Arguments.of("bad rate", head + "[partition gpu]\nrate = -1\n",
                        3, "rate", "multiplier \"-1\" is not valid"),
                Arguments.of("cpus out of range", head + "[partition gpu]\ncpus_per_unit = 0\n",
                        3, "cpus_per_unit", "0 is out of range; use a value from 1 to 1000000"),
                Arguments.of("bad node list", head + "node_class_nodes.gpu = node[3-1]\n[partition default]\n"
                        + "node_class.gpu = 2\n", 2, "node_class_nodes.gpu", "the range 3-1 runs backwards; write 1-3"),
                Arguments.of("node in two classes", head + "node_class_nodes.gpu = node[1-2]\nnode_class_nodes.cpu = "
                        + "node[2-4]\n[partition default]\nnode_class.gpu = 2\nnode_class.cpu = 1\n", 3,
                        "node_class_nodes.cpu", "node node2 is in node class gpu too"),
                Arguments.of("node class without a rate", head + "node_class_nodes.gpu = node[1-2]\n[partition cpu]\n",
                        2, "node_class_nodes.gpu", "node class gpu has no rate in partition default; add"
                                + " \"node_class.gpu = 1.0\""),
                Arguments.of("bad node class name", head + "[partition gpu]\nnode_class.a b = 2\n",
                        3, "node_class.a b", "\"a b\" is not a valid name; write node_class.NAME"),
                Arguments.of("bad node class rate", head + "[partition gpu]\nnode_class.h100 = fast\n",
                        3, "node_class.h100", "multiplier \"fast\" is not valid"),
                Arguments.of("bad qos multiplier", head + "[qos]\nnormal = 1\npremium = ten\n",
                        4, "premium", "multiplier \"ten\" is not valid"),
                Arguments.of("empty qos multiplier", head + "[qos]\npremium =\n",
                        3, "premium", "the value is empty; write NAME = value"),
                Arguments.of("misspelt section", head + "[partitoin gpu]\nrate = 2\n",
                        2, "[partitoin gpu]", "unknown section; did you mean [partition gpu]?"),
                Arguments.of("unknown section", head + "[nodes]\n",
                        2, "[nodes]", "unknown section; the sections are [partition NAME] and [qos]"),
                Arguments.of("partition without a name", head + "[partition]\n",
                        2, "[partition]", "needs one Slurm partition name"),
                Arguments.of("qos with a name", head + "[qos premium]\n",
                        2, "[qos premium]", "[qos] takes no name"),
                Arguments.of("unclosed header", head + "[qos\n",
                        2, "[qos", "must end with ']'"),
                Arguments.of("duplicate section", head + "[partition gpu]\nrate = 1\n[partition gpu]\nrate = 2\n",
                        4, "[partition gpu]", "already starts on line 2; merge the two sections"),
                Arguments.of("duplicate qos section", head + "[qos]\n[qos]\n",
                        3, "[qos]", "already starts on line 2"),
                Arguments.of("line without '='", head + "hook_timeout_ms 200\n",
                        2, "hook_timeout_ms", "expected \"key = value\""),
                Arguments.of("no key", head + "= 200\n",
                        2, "= 200", "no key before '='"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeNamesFileLineKeyAndFix(String kind, String text, int line, String key, String advice) {
        List<ConfigError> errors = errors(text);

        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        ConfigError error = errors.get(0);
        assertEquals(line, error.line(), error::toString);
        assertEquals(key, error.key(), error::toString);
        assertTrue(error.message().contains(advice), error::toString);
        String where = dir.resolve("allocd.conf") + ":" + line + ": " + key + ": ";
        assertTrue(error.toString().startsWith(where), () -> error + " should start with " + where);
    }

    @Test
    void reportsAllErrorsTogetherInFileOrder() {
        ConfigException refused = assertThrows(ConfigException.class, () -> load("""
                hook_timeout_ms = 1
                [partition gpu]
                rate = x
                [qos]
                premium = y
                """.replace("hook_timeout_ms = 1", "hook_timout_ms = 1\nhook_fail_policy = ajar")));

        List<ConfigError> errors = refused.errors();
        assertEquals(List.of(1, 2, 2, 4, 6), errors.stream().map(ConfigError::line).toList(), errors::toString);
        assertEquals(Set.of("hook_timout_ms", "hook_fail_policy", "cluster_name", "rate", "premium"),
                Set.copyOf(errors.stream().map(ConfigError::key).toList()));
        assertTrue(refused.getMessage().startsWith("5 errors in the allocd config:\n"), refused.getMessage());
        errors.forEach(error -> assertTrue(refused.getMessage().contains(error.toString()), refused::getMessage));
    }

    @Test
    void commentsMayFollowValues() throws ConfigException {
        AllocdConfig config = load("cluster_name = alpha   # our cluster\n[qos]  # multipliers\npremium = 2 # dear\n");

        assertEquals("alpha", config.restart().clusterName());
        assertEquals(Map.of("premium", new Multiplier(2_000_000)), config.reloadable().chargeRates().qosMultipliers());
    }

    @Test
    void readsThePostgresqlStoreAndItsPrivateLogin() throws Exception {
        Path login = ConfigFiles.write(dir.resolve("pg-login"), "# allocd's role\nuser = allocd\npassword = s3 cret=x\n");
        String text = "cluster_name = alpha\nstore = postgresql\npostgresql_url = jdbc:postgresql://db:5432/allocd\n"
                + "postgresql_credentials_file = " + login + "\n";

        List<ConfigError> errors = errors(text);
        assertEquals(1, errors.size(), errors::toString);
        assertEquals(4, errors.get(0).line());
        assertEquals("postgresql_credentials_file", errors.get(0).key());
        assertEquals(login + " can be read or changed by group or others; it holds the database password:"
                + " run chmod 600 " + login, errors.get(0).message());

        Files.setPosixFilePermissions(login, PosixFilePermissions.fromString("rw-------"));
        RestartConfig restart = load(text).restart();
        assertEquals(StoreKind.POSTGRESQL, restart.store());
        assertEquals(Optional.of(new PostgresqlConfig("jdbc:postgresql://db:5432/allocd", login,
                new PostgresqlLogin("allocd", "s3 cret=x"))), restart.postgresql());
        assertTrue(!restart.toString().contains("s3 cret"), "the password must not show in logs");
        assertTrue(!load(text).effective().text().contains("s3 cret"), "the password must not show in logs");

        List<ConfigError> sqliteFile = errors(text + "database = /srv/ledger.db\n");
        assertEquals(1, sqliteFile.size(), sqliteFile::toString);
        assertEquals("database", sqliteFile.get(0).key());
        assertTrue(sqliteFile.get(0).message().startsWith("names a SQLite file, but the store is postgresql;"));
    }

    @Test
    void aPostgresqlLoginFileNeedsUserAndPassword() throws Exception {
        Path login = dir.resolve("pg-login");
        Files.writeString(login, "user = allocd\n");
        Files.setPosixFilePermissions(login, PosixFilePermissions.fromString("r--------"));
        assertEquals(login + " has no password; add a line \"password = ...\"",
                assertThrows(IllegalArgumentException.class, () -> PostgresqlLogin.read(login)).getMessage());
        Files.setPosixFilePermissions(login, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(login, "user = a\npasswd = b\n");
        assertEquals(login + " line 2: expected \"user = NAME\" or \"password = SECRET\"",
                assertThrows(IllegalArgumentException.class, () -> PostgresqlLogin.read(login)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostgresqlLogin.read(dir.resolve("none")))
                .getMessage().endsWith("does not exist; write the user and password there as \"user = NAME\" and"
                        + " \"password = SECRET\" lines, mode 600"));
    }

    @Test
    void refusesAGroupWritableFile() throws Exception {
        Path file = file("cluster_name = alpha\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

        List<ConfigError> errors = assertThrows(ConfigException.class, () -> ConfigLoader.load(file)).errors();

        assertEquals(1, errors.size());
        assertEquals(file + ": writable by group or others (mode 664), so someone else could change rates;"
                + " run: chmod go-w " + file, errors.get(0).toString());
    }

    @Test
    void refusesAWorldWritableFile() throws Exception {
        Path file = file("cluster_name = alpha\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----rw-"));

        ConfigException refused = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertTrue(refused.getMessage().contains("(mode 606)"), refused.getMessage());
    }

    @Test
    void aReadOnlyFileForEveryoneIsFine() throws Exception {
        Path file = file("cluster_name = alpha\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));

        assertEquals("alpha", ConfigLoader.load(file).restart().clusterName());
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("nope.conf");

        ConfigException refused = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));

        assertEquals(missing + ": no such file; create it from conf/allocd.conf or point --config at it",
                refused.errors().get(0).toString());
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws Exception {
        Path file = file("");
        Files.write(file, new byte[] {'c', '=', (byte) 0xff, '\n'});

        ConfigException refused = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));

        assertTrue(refused.getMessage().contains("not valid UTF-8"), refused.getMessage());
    }
}
