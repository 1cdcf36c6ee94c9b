package org.allocd.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    /** At most this many jobs and operation keys in one preload: a batch's worth, well under JOB_ROWS. */
    static final int PRELOAD_KEYS = 512;
    /**
     * Keys of the writes queued by writeForJob on PostgreSQL and not yet answered; a preload reads them all, and
     * reads them again when another daemon's commit emptied the writer's cache. At most the writer's queue.
     */
    private final Set<WantedKeys> wanted = ConcurrentHashMap.newKeySet();
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
        return write(null, work);
    }

    /**
     * On PostgreSQL the writer reads the job and the operation key of every such write queued so far in one
     * round trip, when the first of them finds its own not cached: the reads a LIEN or CHARGE makes cost one
     * round trip per batch rather than two per operation. SQLite reads in process, one row at a time.
     */
    @Override
    public <R> CompletableFuture<R> writeForJob(String opKey, String jobKey, Function<LedgerTx, R> work) {
        if (!database.pipelines()) {
            return write(work);
        }
        WantedKeys keys = new WantedKeys(jobKey, opKey);
        wanted.add(keys);
        return write(keys, work).whenComplete((result, failure) -> wanted.remove(keys));
    }

    /** A queued write's job and operation key, for the writer to read together with the others'. */
    private record WantedKeys(String jobKey, String opKey) {}

    private <R> CompletableFuture<R> write(WantedKeys keys, Function<LedgerTx, R> work) {
        FundsChanges changes = new FundsChanges();
        CompletableFuture<R> written = database.writePipelined((writer, pipeline) -> {
            writerCache.startTask(writer, database.writerBatchNumber(), database.writerLedgerVersion());
            try {
                Sql sql = pipeline == null ? new Sql(writer, writerStatements) : new Sql(pipeline);
                SqlLedgerTx tx = new SqlLedgerTx(sql, writerCache, changes);
                if (keys != null && !writerCache.holds(keys.jobKey(), keys.opKey())) {
                    preloadWanted(tx, keys);
                }
                R result = work.apply(tx);
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

    /** Reads the keys of this write and of the others waiting and not held (at most PRELOAD_KEYS) into the cache. */
    private void preloadWanted(SqlLedgerTx tx, WantedKeys own) {
        List<String> jobKeys = new ArrayList<>(List.of(own.jobKey()));
        List<String> opKeys = new ArrayList<>(List.of(own.opKey()));
        for (WantedKeys keys : wanted) {
            if (jobKeys.size() >= PRELOAD_KEYS) {
                break;
            }
            if (!keys.equals(own) && !writerCache.holds(keys.jobKey(), keys.opKey())) {
                jobKeys.add(keys.jobKey());
                opKeys.add(keys.opKey());
            }
        }
        tx.preload(jobKeys, opKeys);
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
