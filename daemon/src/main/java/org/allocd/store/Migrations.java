package org.allocd.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema migrations found on the classpath under a location, applied in
 * version order, each in its own transaction, and recorded in schema_version.
 * The files are listed in {@code <location>/index.txt}, one name per line
 * (blank lines and lines starting with '#' are skipped), because a shaded jar
 * cannot be listed reliably. All files are read and checked when this object
 * is built, before the database is touched.
 *
 * <p>Every store has the same versions. A listed file is shared by all
 * dialects ({@code <location>/V2__x.sql}, written for SQLite; PostgreSQL reads
 * its INTEGER as BIGINT, see {@link PostgresqlDialect#fromSharedSql}) unless a
 * dialect has its own file of the same name ({@code <location>/postgresql/V1__ledger.sql}),
 * for SQL that must differ: triggers, identity columns.
 *
 * <p>Kept rather than Flyway (11.17 looked at: SQLite in flyway-core, PostgreSQL
 * in flyway-database-postgresql). Flyway has no shared file that each dialect
 * reads its own way, so V2 to V8 would be kept twice or templated; the stores
 * on sites record sha256 in schema_version where Flyway keeps CRC32 in its own
 * table, so every site would need a baseline that skips checking the files it
 * applied; and it adds two jars of 791 kB and commons-text to the daemon for
 * the same PostgreSQL advisory lock and checksum check done here.
 */
public final class Migrations {
    /** Where the production schema lives. */
    public static final String LEDGER_LOCATION = "db/migration";

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]{0,8})__[A-Za-z0-9_]+\\.sql");
    private static final String CREATE_SCHEMA_VERSION = "CREATE TABLE IF NOT EXISTS schema_version ("
            + " version INTEGER PRIMARY KEY,"
            + " name TEXT NOT NULL,"
            + " sha256 TEXT NOT NULL,"
            + " applied_at_ms INTEGER NOT NULL)";

    /** Each dialect's reading of a shared file. */
    private static final Map<String, UnaryOperator<String>> DIALECTS = Map.of(
            SqliteDialect.NAME, UnaryOperator.identity(),
            PostgresqlDialect.NAME, PostgresqlDialect::fromSharedSql);

    private final String index;
    /** By dialect name; every list has the same versions and file names. */
    private final Map<String, List<Migration>> byDialect = new HashMap<>();

    /** Reads {@code <location>/index.txt} and every file it lists; a problem with any of them is a MigrationException. */
    public Migrations(String location) {
        this.index = location + "/index.txt";
        List<String> names = names(index);
        DIALECTS.forEach((dialect, fromShared) -> byDialect.put(dialect,
                load(location, index, names, dialect, fromShared)));
    }

    /** The highest version these files bring the database to. */
    public int latestVersion() {
        List<Migration> any = byDialect.get(SqliteDialect.NAME);
        return any.get(any.size() - 1).version();
    }

    /**
     * Checks the versions the database already has against the files, then
     * applies the missing ones on the writer connection (autoCommit on).
     * Refuses a database whose applied files changed or that is newer than these files.
     */
    void apply(Connection writer, StoreDialect dialect) throws SQLException {
        List<Migration> migrations = byDialect.get(dialect.name());
        dialect.lockSchema(writer);
        try {
            try (Statement statement = writer.createStatement()) {
                statement.execute(DIALECTS.get(dialect.name()).apply(CREATE_SCHEMA_VERSION));
                for (String sql : dialect.storeTables()) {
                    statement.execute(sql);
                }
            }
            for (Migration migration : pending(migrations, appliedChecksums(writer))) {
                applyOne(writer, dialect, migration);
                log.info("applied schema migration {} ({})", migration.fileName(), dialect.name());
            }
        } finally {
            dialect.unlockSchema(writer);
        }
    }

    private List<Migration> pending(List<Migration> migrations, Map<Integer, String> applied) {
        Map<Integer, Migration> known = new HashMap<>();
        migrations.forEach(m -> known.put(m.version(), m));
        int newestApplied = 0;
        for (Map.Entry<Integer, String> row : applied.entrySet()) {
            int version = row.getKey();
            Migration migration = known.get(version);
            if (migration == null && version > latestVersion()) {
                throw new MigrationException("the database has schema version " + version
                        + ", newer than this allocd knows (" + latestVersion() + "); run the allocd that upgraded it,"
                        + " or restore a backup taken before the upgrade");
            }
            if (migration == null) {
                throw new MigrationException("the database has schema version " + version + " applied, which "
                        + index + " does not list; run the allocd that applied it");
            }
            if (!migration.sha256().equals(row.getValue())) {
                throw new MigrationException("migration " + migration.fileName()
                        + " changed after it was applied (the database recorded sha256 " + row.getValue()
                        + ", the file has " + migration.sha256() + "); restore the file as it was"
                        + " and put the change in a new migration");
            }
            newestApplied = Math.max(newestApplied, version);
        }
        List<Migration> pending = new ArrayList<>();
        for (Migration migration : migrations) {
            if (applied.containsKey(migration.version())) {
                continue;
            }
            if (migration.version() < newestApplied) {
                throw new MigrationException("migration " + migration.fileName() + " is not applied but the later"
                        + " version " + newestApplied + " is; migrations must be applied in order,"
                        + " give the new file a version above " + newestApplied);
            }
            pending.add(migration);
        }
        return pending;
    }

    private static Map<Integer, String> appliedChecksums(Connection writer) throws SQLException {
        Map<Integer, String> applied = new TreeMap<>();
        try (Statement statement = writer.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, sha256 FROM schema_version")) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    private static void applyOne(Connection writer, StoreDialect dialect, Migration migration) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute(dialect.beginWrite());
            String step = "";
            try {
                List<String> statements = migration.statements();
                for (int i = 0; i < statements.size(); i++) {
                    step = "statement " + (i + 1) + " (" + firstLine(statements.get(i)) + ")";
                    statement.execute(statements.get(i));
                }
                step = "recording it in schema_version";
                record(writer, migration);
                step = "COMMIT";
                statement.execute("COMMIT");
            } catch (SQLException e) {
                rollbackQuietly(statement, e);
                throw new MigrationException("migration " + migration.fileName() + " failed at " + step
                        + ", nothing of it was applied: " + e.getMessage(), e);
            }
        }
    }

    private static void record(Connection writer, Migration migration) throws SQLException {
        try (PreparedStatement insert = writer.prepareStatement(
                "INSERT INTO schema_version (version, name, sha256, applied_at_ms) VALUES (?, ?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.fileName());
            insert.setString(3, migration.sha256());
            insert.setLong(4, System.currentTimeMillis());
            insert.executeUpdate();
        }
    }

    private static void rollbackQuietly(Statement statement, Exception failure) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static String firstLine(String sql) {
        return sql.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("--")).findFirst().orElse(sql).strip();
    }

    /** The checked file names of the index, in its order. */
    private static List<String> names(String index) {
        byte[] listing = resource(index);
        if (listing == null) {
            throw new MigrationException("the migration index " + index + " is not on the classpath;"
                    + " it must list the migration files, one per line");
        }
        List<String> names = new ArrayList<>();
        Map<Integer, String> seen = new HashMap<>();
        List<String> lines = new String(listing, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher match = FILE_NAME.matcher(name);
            if (!match.matches()) {
                throw new MigrationException(index + " line " + (i + 1) + ": '" + name
                        + "' is not a migration file name; use V<version>__<name>.sql, e.g. V2__add_quota.sql");
            }
            String other = seen.put(version(name), name);
            if (other != null) {
                throw new MigrationException(index + " lists version " + version(name) + " twice (" + other
                        + " and " + name + "); give each migration its own version");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new MigrationException(index + " lists no migration files");
        }
        return names;
    }

    private static int version(String fileName) {
        Matcher match = FILE_NAME.matcher(fileName);
        if (!match.matches()) {
            throw new IllegalArgumentException("not a migration file name: " + fileName);
        }
        return Integer.parseInt(match.group(1));
    }

    /** The dialect's own file where it has one, else the shared file as the dialect reads it. */
    private static List<Migration> load(String location, String index, List<String> names, String dialect,
            UnaryOperator<String> fromShared) {
        List<Migration> migrations = new ArrayList<>();
        for (String name : names) {
            byte[] own = resource(location + "/" + dialect + "/" + name);
            byte[] bytes = own != null ? own : resource(location + "/" + name);
            if (bytes == null) {
                throw new MigrationException(index + " lists " + name + " but " + location + "/" + name
                        + " is not on the classpath");
            }
            String sql = new String(bytes, StandardCharsets.UTF_8);
            migrations.add(new Migration(version(name), name, sha256(bytes),
                    SqlScript.statements(own != null ? sql : fromShared.apply(sql))));
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        return List.copyOf(migrations);
    }

    /** The resource's bytes, or null when it is not on the classpath. */
    private static byte[] resource(String name) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new MigrationException("reading " + name + " from the classpath failed: " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
