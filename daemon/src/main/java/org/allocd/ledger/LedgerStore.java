package org.allocd.ledger;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Where the ledger keeps its state. Writes run one at a time, each inside its
 * own savepoint of a group-committed transaction; the future completes only
 * once the write is durable. A write that throws changes nothing.
 */
public interface LedgerStore extends AutoCloseable {
    <R> CompletableFuture<R> write(Function<LedgerTx, R> work);

    <R> R read(Function<LedgerView, R> work);

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
