package org.allocd.store;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What differs between the databases the store runs on. {@link Database},
 * {@link GroupCommitWriter} and {@link Migrations} are written once against
 * this; the ledger's SQL ({@link SqlLedgerTx}, {@link SqlLedgerView}) is the
 * same text on every dialect.
 */
interface StoreDialect {
    static StoreDialect of(StoreLocation location) {
        if (location instanceof StoreLocation.SqliteFile sqlite) {
            return new SqliteDialect(sqlite.file());
        }
        return new PostgresqlDialect((StoreLocation.Postgresql) location);
    }

    /** The dialect's directory under a migration location, for files that must differ (e.g. "postgresql"). */
    String name();

    /** Makes what must exist before the first connection (SQLite: the directory and file). */
    void prepare() throws IOException;

    void configureWriter(HikariConfig pool);

    void configureReaders(HikariConfig pool);

    /** Refuses, with the fix in the message, a database the store cannot run on safely. */
    void checkWriter(Connection writer) throws SQLException;

    /** Starts a write transaction (a batch or a migration). */
    String beginWrite();

    /**
     * Run by the writer right after {@link #beginWrite()} in every batch: makes the batch the only
     * writer of the ledger until COMMIT, also against other processes on the same database, and returns
     * the ledger's version. Two batches on one writer connection see the same version only when no other
     * writer committed between them, so the writer may keep what it read (WriterCache) while it does.
     *
     * @param writerId this writer's own number, random per process
     */
    long lockLedger(Statement statement, long writerId) throws SQLException;

    /** Starts a read transaction whose snapshot lasts until ROLLBACK. */
    String beginRead();

    /**
     * The store's own tables besides schema_version, created (if missing) before the migrations run,
     * under the schema lock; each statement must be safe to run again.
     */
    List<String> storeTables();

    /** Held while migrations are checked and applied, so two daemons starting together migrate once. */
    void lockSchema(Connection writer) throws SQLException;

    void unlockSchema(Connection writer) throws SQLException;

    /**
     * True when no other process can write this database, so rows kept in memory outside the writer
     * (FundsMemory) stay valid. False for PostgreSQL: another daemon may commit at any time.
     */
    boolean soleWriter();

    /**
     * True when one statement text of several statements runs them all in one round trip, so the writer holds
     * the ledger's savepoints and writes back in a {@link Pipeline} and sends them with the next read or COMMIT,
     * and a ledger read sends its BEGIN with its first statement.
     * False for SQLite: its calls are in-process, and its driver runs only the first statement of such a text.
     */
    boolean pipelines();

    /**
     * Whether the writer releases each task's savepoint after it. PostgreSQL keeps a released savepoint's
     * subtransaction in the transaction all the same, so RELEASE there only costs a round trip; a later
     * ROLLBACK TO goes to the newest savepoint of the name, the failing task's own.
     */
    boolean releasesSavepoints();

    /** After rows were copied in with their ids (StoreCopy): what makes the next generated id follow them. */
    void afterCopy(Connection writer, List<String> tables) throws SQLException;

    /** Copies the database into target (an empty file) inside the read transaction on reader. */
    void backup(Connection reader, Path target) throws SQLException;
}
