package org.allocd.store;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Everything SQLite-specific about the store, kept in one place so another
 * database can sit behind the same {@link Database} API: the file, the
 * pragmas, how a write transaction starts, and the online backup.
 */
final class SqliteDialect implements StoreDialect {
    static final String NAME = "sqlite";

    /**
     * How long the writer waits for a lock another process holds: every other write waits behind it, and the
     * Slurm hooks give up after about 200 ms, so a short wait and a clear refusal beat a long stall.
     */
    static final int WRITER_BUSY_TIMEOUT_MILLIS = 100;
    /** Readers in WAL mode wait only on recovery or a checkpoint that needs them; a quote must stay quick. */
    static final int READER_BUSY_TIMEOUT_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(SqliteDialect.class);

    private final Path databaseFile;

    SqliteDialect(Path databaseFile) {
        this.databaseFile = databaseFile;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Creates the directory (0700) and an empty database file (0600) if missing; SQLite gives -wal and -shm the file's mode. */
    @Override
    public void prepare() throws IOException {
        PrivateFiles.createDirectories(databaseFile.getParent());
        if (Files.notExists(databaseFile)) {
            PrivateFiles.createFile(databaseFile);
        } else if (!PrivateFiles.isOwnerOnly(databaseFile)) {
            log.warn("database file {} is readable by other users; chmod 600 it", databaseFile);
        }
    }

    /**
     * The one writer connection: autoCommit stays on and every batch runs an
     * explicit BEGIN IMMEDIATE ... COMMIT. The driver's own transaction_mode is
     * never used: it begins eagerly and an idle connection would hold the write lock.
     */
    @Override
    public void configureWriter(HikariConfig pool) {
        configureCommon(pool);
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a caller is answered only once its write survives a power cut.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(WRITER_BUSY_TIMEOUT_MILLIS);
        // Each task's savepoint journal stays in memory. On disk (the default) it spills to a temp file once a
        // batch's tasks pass 64 KiB and every later page of the batch costs a write syscall; it never serves
        // crash recovery (the WAL does), only rolling one task back.
        sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // Otherwise the driver runs "SELECT last_insert_rowid()" after every INSERT; new ids come from RETURNING.
        sqlite.setGetGeneratedKeys(false);
        pool.setDataSourceProperties(sqlite.toProperties());
    }

    /**
     * Read connections are opened read-only (SQLITE_OPEN_READONLY), which no
     * pragma in a read task can undo. They open after the writer, which has
     * already put the file in WAL mode.
     */
    @Override
    public void configureReaders(HikariConfig pool) {
        configureCommon(pool);
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setReadOnly(true);
        sqlite.setBusyTimeout(READER_BUSY_TIMEOUT_MILLIS);
        pool.setDataSourceProperties(sqlite.toProperties());
        pool.setReadOnly(true); // else the pool sets the flag back to false, which the driver refuses
    }

    private void configureCommon(HikariConfig pool) {
        String path = databaseFile.toString();
        if (path.contains("?")) {
            // The driver reads everything after '?' in its URL as settings.
            throw new IllegalArgumentException("the database file name must not contain '?': " + path);
        }
        pool.setDriverClassName("org.sqlite.JDBC");
        pool.setJdbcUrl("jdbc:sqlite:" + path);
        pool.setAutoCommit(true);
        // A local file neither goes stale nor needs recycling.
        pool.setMaxLifetime(0);
        pool.setKeepaliveTime(0);
    }

    /** Refuses a database that did not switch to WAL (e.g. on a network filesystem without shared memory). */
    @Override
    public void checkWriter(Connection writer) throws SQLException {
        try (Statement statement = writer.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA journal_mode")) {
            String mode = row.next() ? row.getString(1) : "unknown";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new SQLException("the database is in journal mode '" + mode
                        + "', not WAL; put the database file on a local filesystem");
            }
        }
    }

    /** Takes the write lock at once, so the batch never fails half way for want of it. */
    @Override
    public String beginWrite() {
        return "BEGIN IMMEDIATE";
    }

    /**
     * BEGIN IMMEDIATE already took the database's one write lock. PRAGMA data_version moves when another
     * connection committed, never for this one's own commits.
     */
    @Override
    public long lockLedger(Statement statement, long writerId) throws SQLException {
        try (ResultSet row = statement.executeQuery("PRAGMA data_version")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** A read transaction: its snapshot starts at the first query and ends at ROLLBACK. */
    @Override
    public String beginRead() {
        return "BEGIN";
    }

    @Override
    public List<String> storeTables() {
        return List.of();
    }

    /** Every migration runs under BEGIN IMMEDIATE; nothing more is needed. */
    @Override
    public void lockSchema(Connection writer) {}

    @Override
    public void unlockSchema(Connection writer) {}

    /** A rowid id is one more than the largest in the table: nothing to do. */
    @Override
    public void afterCopy(Connection writer, List<String> tables) {}

    @Override
    public boolean releasesSavepoints() {
        return true;
    }

    @Override
    public boolean pipelines() {
        return false;
    }

    /**
     * The file is the daemon's own (0600, one writer connection): no other process writes it. Should anything
     * else commit to it all the same, the writer's cache sees PRAGMA data_version move and starts over.
     */
    @Override
    public boolean soleWriter() {
        return true;
    }

    /**
     * Copies the database into target (an existing empty file) with SQLite's
     * online backup API. The caller holds a read transaction on reader; the
     * first query below pins its snapshot, so the copy is consistent and is not
     * restarted by the writer's commits, which carry on meanwhile (WAL).
     */
    @Override
    public void backup(Connection reader, Path target) throws SQLException {
        String path = target.toString();
        if (path.contains("\"")) {
            throw new SQLException("the backup path must not contain '\"': " + path);
        }
        try (Statement statement = reader.createStatement()) {
            try (ResultSet pin = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                pin.next();
            }
            statement.executeUpdate("backup to \"" + path + "\"");
        }
    }
}
