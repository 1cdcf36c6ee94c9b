package org.allocd.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store: one database (a SQLite file, or a PostgreSQL database shared with
 * other daemons), one group-committing writer, a small pool of read-only
 * connections, and online backups (SQLite). It knows nothing of the tables it
 * holds; those come from the {@link Migrations} it is opened with. What differs
 * between the databases is in their {@link StoreDialect}.
 */
public final class Database implements AutoCloseable {
    /** How long a read waits for a free read connection, and the writer for its connection after a failure. */
    static final long CONNECTION_WAIT_MILLIS = 5_000;

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final StoreLocation location;
    private final StoreDialect dialect;
    private final HikariDataSource writerPool;
    private final HikariDataSource readPool;
    private final GroupCommitWriter writer;

    private Database(StoreLocation location, StoreDialect dialect, HikariDataSource writerPool,
            HikariDataSource readPool, GroupCommitWriter writer) {
        this.location = location;
        this.dialect = dialect;
        this.writerPool = writerPool;
        this.readPool = readPool;
        this.writer = writer;
    }

    /**
     * Opens (creating a missing SQLite file) the database, brings its schema up
     * to date and starts the writer. Throws {@link MigrationException} when the
     * schema does not match the migrations, {@link StoreUnavailableException}
     * when the database cannot be opened.
     */
    public static Database open(StoreSettings settings, Migrations migrations) {
        StoreLocation location = settings.location();
        String where = location.describe();
        StoreDialect dialect = StoreDialect.of(location);
        try {
            dialect.prepare();
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot create the database file " + where + ": " + e, e);
        }
        HikariDataSource writerPool = null;
        HikariDataSource readPool = null;
        try {
            // No idle writer kept in reserve: a replacement opened while the file is unwritable would be opened
            // read-only by SQLite and fail once more after the fault clears. It is opened when a batch needs it.
            writerPool = pool("allocd-writer", 1, 0, dialect::configureWriter);
            try (Connection connection = writerPool.getConnection()) {
                dialect.checkWriter(connection);
                migrations.apply(connection, dialect);
            }
            readPool = pool("allocd-readers", settings.readPoolSize(), settings.readPoolSize(),
                    dialect::configureReaders);
            GroupCommitWriter writer = new GroupCommitWriter(writerPool, dialect, settings.maxBatchSize(),
                    settings.queueCapacity());
            log.info("store open: {} (schema version {}, {} read connections, batches of up to {} writes,"
                    + " queue of {})", where, migrations.latestVersion(), settings.readPoolSize(),
                    settings.maxBatchSize(), settings.queueCapacity());
            return new Database(location, dialect, writerPool, readPool, writer);
        } catch (MigrationException | IllegalArgumentException e) {
            closeAll(readPool, writerPool);
            throw e;
        } catch (SQLException | RuntimeException e) {
            closeAll(readPool, writerPool);
            throw new StoreUnavailableException("cannot open the database " + where + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(String name, int size, int minimumIdle,
            Consumer<HikariConfig> dialectSettings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(minimumIdle);
        config.setConnectionTimeout(CONNECTION_WAIT_MILLIS);
        dialectSettings.accept(config);
        return new HikariDataSource(config);
    }

    /**
     * Queues a write. The future completes once the write is durable (with the
     * task's result or its own exception), or fails at once with
     * {@link StoreBusyException} when the queue is full, or with
     * {@link StoreUnavailableException} when its batch could not be committed
     * (then nothing of it was written). Futures complete on the writer thread;
     * see {@link GroupCommitWriter}.
     */
    public <R> CompletableFuture<R> write(WriteTask<R> task) {
        return writer.submit(task);
    }

    /** As {@link #write}, for a task that may hold its writes back in the writer's pipeline (Sql.defer). */
    <R> CompletableFuture<R> writePipelined(PipelinedTask<R> task) {
        return writer.submitPipelined(task);
    }

    /** Runs a read on a read-only connection, in one snapshot that ends when the task returns. */
    public <R> R read(ReadTask<R> task) {
        try (Connection reader = readPool.getConnection()) {
            return inSnapshot(reader, task);
        } catch (SQLException e) {
            throw new StoreUnavailableException("reading the database failed: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #read}, for a task that runs its statements through a {@link Pipeline} where the database has
     * one (null on SQLite): the snapshot's BEGIN goes with the first statement, a round trip fewer per read.
     */
    <R> R readPipelined(PipelinedTask<R> task) {
        if (!dialect.pipelines()) {
            return read(reader -> apply(task, reader, null));
        }
        try (Connection reader = readPool.getConnection(); Statement statement = reader.createStatement()) {
            Pipeline pipeline = Pipeline.onReader(reader);
            Pipeline.Mark begun = pipeline.mark();
            pipeline.add(dialect.beginRead());
            try {
                return apply(task, reader, pipeline);
            } finally {
                if (pipeline.sentSince(begun)) {
                    endSnapshot(reader, statement);
                }
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("reading the database failed: " + e.getMessage(), e);
        }
    }

    private static <R> R apply(PipelinedTask<R> task, Connection reader, Pipeline pipeline) throws SQLException {
        try {
            return task.apply(reader, pipeline);
        } catch (RuntimeException | SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreUnavailableException("reading the database failed: " + e, e);
        }
    }

    private <R> R inSnapshot(Connection reader, ReadTask<R> task) throws SQLException {
        try (Statement statement = reader.createStatement()) {
            statement.execute(dialect.beginRead());
            try {
                return task.apply(reader);
            } finally {
                endSnapshot(reader, statement);
            }
        }
    }

    /** Ends the read transaction; a connection that cannot end it is dropped rather than left holding a snapshot. */
    private void endSnapshot(Connection reader, Statement statement) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            log.warn("ending a read transaction failed, dropping the connection: {}", e.getMessage());
            readPool.evictConnection(reader);
        }
    }

    /**
     * Writes a consistent copy of the database to target while writes go on:
     * the copy is made beside target under a temporary name and renamed into
     * place, so target either does not exist or is a complete database (mode 0600).
     * Refuses an existing target or a missing directory.
     */
    public void backupTo(Path target) {
        Path backup = target.toAbsolutePath().normalize();
        Path dir = backup.getParent();
        if (Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("the backup file " + backup
                    + " already exists; a backup never overwrites a file, choose a new name");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the directory " + dir + " for the backup does not exist;"
                    + " create it first");
        }
        Path partial = null;
        try {
            partial = PrivateFiles.createTempFile(dir, "." + backup.getFileName() + ".", ".partial");
            Path copy = partial;
            try (Connection reader = readPool.getConnection()) {
                inSnapshot(reader, connection -> {
                    dialect.backup(connection, copy);
                    return null;
                });
            }
            PrivateFiles.fsync(partial);
            if (Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(backup + " appeared while the backup was made; it was left untouched");
            }
            Files.move(partial, backup, StandardCopyOption.ATOMIC_MOVE);
            PrivateFiles.fsyncDirectory(dir);
            log.info("backup of {} written to {}", location.describe(), backup);
        } catch (IOException e) {
            throw new StoreUnavailableException("backup to " + backup + " failed, no backup was made: " + e, e);
        } catch (SQLException e) {
            throw new StoreUnavailableException("backup to " + backup + " failed, no backup was made: "
                    + e.getMessage(), e);
        } finally {
            deleteLeftovers(partial);
        }
    }

    private static void deleteLeftovers(Path partial) {
        if (partial == null) {
            return;
        }
        for (Path leftover : new Path[] {partial, Path.of(partial + "-journal")}) {
            try {
                Files.deleteIfExists(leftover);
            } catch (IOException e) {
                log.warn("could not delete the unfinished backup file {}: {}", leftover, e.getMessage());
            }
        }
    }

    /** Which batch the writer is running; for write tasks, which run on the writer thread. */
    long writerBatchNumber() {
        return writer.batchNumber();
    }

    /** The ledger's version in the writer's current batch (StoreDialect.lockLedger); for write tasks. */
    long writerLedgerVersion() {
        return writer.ledgerVersion();
    }

    /** What the writer has done so far, for metrics. */
    public WriterStats writerStats() {
        return writer.stats();
    }

    /** True when the writer holds its writes back in a {@link Pipeline} (PostgreSQL). */
    boolean pipelines() {
        return dialect.pipelines();
    }

    public StoreLocation location() {
        return location;
    }

    /**
     * True when this process is the only writer of the database, so funds rows kept in memory outside
     * the writer stay valid; false on PostgreSQL, where other daemons write too.
     */
    public boolean soleWriter() {
        return dialect.soleWriter();
    }

    /** Stops accepting writes, commits those already queued, then closes every connection. */
    @Override
    public void close() {
        writer.close();
        closeAll(readPool, writerPool);
        log.info("store closed: {}", location.describe());
    }

    private static void closeAll(HikariDataSource... pools) {
        for (HikariDataSource pool : pools) {
            if (pool != null) {
                pool.close();
            }
        }
    }
}
