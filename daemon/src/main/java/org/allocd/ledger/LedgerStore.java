package org.allocd.ledger;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Where the ledger keeps its state. Writes run one at a time, each inside its
 * own savepoint of a group-committed transaction; the future completes only
 * once the write is durable. A write that throws changes nothing.
 */
public interface LedgerStore extends AutoCloseable {
    <R> CompletableFuture<R> write(Function<LedgerTx, R> work);

    /**
     * As write, for a write that reads one operation key and one job first: a store whose reads cost a round
     * trip may read those of every such write queued beside it at once.
     */
    default <R> CompletableFuture<R> writeForJob(String opKey, String jobKey, Function<LedgerTx, R> work) {
        return write(work);
    }

    <R> R read(Function<LedgerView, R> work);

    /** A read of the rows a funds check needs; a store that keeps them in memory remembers what it loaded. */
    default <R> R readFunds(Function<FundsView, R> work) {
        return read(work::apply);
    }

    /**
     * Runs work on the funds rows this store keeps in memory, never touching
     * the database, so it may run on a thread that must not block: empty when
     * a row it needs is not held (then readFunds answers).
     */
    default <R> Optional<R> fundsInMemory(Function<FundsView, R> work) {
        return Optional.empty();
    }

    /**
     * True when this process is the only writer of the store, so the writer
     * may keep the rows it read in memory between operations. False when
     * several daemons write one database (each would miss the others' writes).
     */
    default boolean soleWriter() {
        return false;
    }

    void backupTo(Path file);

    @Override
    void close();
}
