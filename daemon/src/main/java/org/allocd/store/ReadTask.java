package org.allocd.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One read on a pooled read-only connection. Every query of the task sees the
 * same snapshot; the snapshot ends when the task returns, so keep tasks short
 * (an open read stops WAL checkpoints from finishing).
 */
@FunctionalInterface
public interface ReadTask<R> {
    R apply(Connection reader) throws SQLException;
}
