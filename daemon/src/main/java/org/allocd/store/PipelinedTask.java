package org.allocd.store;

import java.sql.Connection;

/**
 * A write task that may hold its writes back in the writer's {@link Pipeline}, so they go to the database with
 * the next statement that answers rather than each on its own round trip. The same rules as {@link WriteTask}.
 */
@FunctionalInterface
interface PipelinedTask<R> {
    /** @param pipeline null when the database runs each statement on its own (SQLite) */
    R apply(Connection writer, Pipeline pipeline) throws Exception;
}
