package org.allocd.store;

import java.sql.Connection;

/**
 * One unit of work on the writer connection, run inside its own savepoint of a
 * group-committed transaction. It must not commit, roll back, change autoCommit
 * or close the connection: the writer owns the transaction.
 */
@FunctionalInterface
public interface WriteTask<R> {
    R apply(Connection writer) throws Exception;
}
