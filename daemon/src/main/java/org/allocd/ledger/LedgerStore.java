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

    void backupTo(Path file);

    @Override
    void close();
}
