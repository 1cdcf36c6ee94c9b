package org.allocd.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.allocd.ledger.FundsView;
import org.allocd.ledger.LedgerStore;
import org.allocd.ledger.LedgerTx;
import org.allocd.ledger.LedgerView;

/** The ledger's store on a Database: writes through its group-commit writer, reads from its read pool. */
public final class SqlLedgerStore implements LedgerStore {
    private final Database database;
    /** Touched only inside write tasks, which all run on the writer thread. */
    private final StatementCache writerStatements = new StatementCache();
    /**
     * Rows LIEN and CHARGE read, kept on the writer thread; on PostgreSQL too, as each batch learns whether
     * another daemon committed since this writer's last batch.
     */
    private final WriterCache writerCache = new WriterCache();
    /** Rows a funds check reads, for any thread; null unless this is the sole writer. */
    private final FundsMemory fundsMemory;

    public SqlLedgerStore(Database database) {
        this.database = database;
        this.fundsMemory = database.soleWriter() ? new FundsMemory() : null;
    }

    /** Opens (creating and migrating as needed) the SQLite ledger at this path with default settings. */
    public static SqlLedgerStore open(Path databaseFile) {
        return open(new StoreLocation.SqliteFile(databaseFile));
    }

    /** Opens (creating a SQLite file and migrating as needed) the ledger there with default settings. */
    public static SqlLedgerStore open(StoreLocation location) {
        return new SqlLedgerStore(Database.open(StoreSettings.defaults(location),
                new Migrations(Migrations.LEDGER_LOCATION)));
    }

    @Override
    public <R> CompletableFuture<R> write(Function<LedgerTx, R> work) {
        FundsChanges changes = new FundsChanges();
        CompletableFuture<R> written = database.writePipelined((writer, pipeline) -> {
            writerCache.startTask(writer, database.writerBatchNumber(), database.writerLedgerVersion());
            try {
                Sql sql = pipeline == null ? new Sql(writer, writerStatements) : new Sql(pipeline);
                R result = work.apply(new SqlLedgerTx(sql, writerCache, changes));
                writerCache.taskSucceeded();
                return result;
            } catch (RuntimeException | Error e) { // the writer rolls the task back to its savepoint
                writerCache.taskFailed();
                throw e;
            }
        });
        if (fundsMemory == null) {
            return written;
        }
        return written.thenApply(result -> { // committed: forgotten before the caller's own callbacks run
            fundsMemory.forget(changes);
            return result;
        });
    }

    @Override
    public boolean soleWriter() {
        return fundsMemory != null;
    }

    @Override
    public <R> R read(Function<LedgerView, R> work) {
        return database.readPipelined((reader, pipeline) -> work.apply(view(reader, pipeline)));
    }

    @Override
    public <R> R readFunds(Function<FundsView, R> work) {
        if (fundsMemory == null) {
            return read(work::apply);
        }
        long generation = fundsMemory.generation(); // before the read's snapshot begins
        return database.read(reader -> work.apply(fundsMemory.remembering(new SqlLedgerView(reader, null), generation)));
    }

    private static SqlLedgerView view(Connection reader, Pipeline pipeline) {
        return new SqlLedgerView(pipeline == null ? new Sql(reader, null) : new Sql(pipeline));
    }

    @Override
    public <R> Optional<R> fundsInMemory(Function<FundsView, R> work) {
        return fundsMemory == null ? Optional.empty() : fundsMemory.answer(work);
    }

    @Override
    public void backupTo(Path file) {
        database.backupTo(file);
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
    }
}
