package org.allocd.store;

import java.sql.Connection;

/**
 * A task whose statements go through a {@link Pipeline}: on the writer its writes wait there and go to the
 * database with the next statement that answers, under the same rules as {@link WriteTask}; on a reader
 * (Database.readPipelined) its first statement carries the snapshot's BEGIN, as {@link ReadTask} otherwise.
 */
@FunctionalInterface
interface PipelinedTask<R> {
    /** @param pipeline null when the database runs each statement on its own (SQLite) */
    R apply(Connection writer, Pipeline pipeline) throws Exception;
}
