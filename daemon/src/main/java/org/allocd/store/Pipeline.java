package org.allocd.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Statements held back on a connection to a database that takes several statements of one text in one round
 * trip (PostgreSQL's driver sends them all before it waits for the first answer). On the writer, a task's
 * SAVEPOINT and its writes wait here and go with the next statement that must answer, a read or the batch's
 * COMMIT, so an operation costs one round trip per read it makes; on a reader, the snapshot's BEGIN goes with
 * the first read. One thread uses it at a time.
 *
 * <p>On the writer the statements sent together may be of several tasks, so a failure among them cannot be
 * laid on one task: it fails the whole batch ({@link BatchFailed}).
 */
final class Pipeline {
    private final Connection connection;
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();
    /** Where the running task's SAVEPOINT goes when something of it is sent; null when none waits. */
    private Mark savepointAt;
    /** Counts sends, so a task can tell whether what it added has gone to the database. */
    private long sends;
    /** Round trips made on this connection, for the writer's stats. */
    private long roundTrips;

    /** What the pipeline held at one moment, to take back statements not yet sent (see {@link #dropSince}). */
    record Mark(int textLength, int paramCount, long sends) {}

    /** A statement sent through the pipeline failed; the batch it belongs to cannot commit. */
    static final class BatchFailed extends StoreUnavailableException {
        BatchFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @FunctionalInterface
    interface Rows {
        void each(ResultSet rows) throws SQLException;
    }

    Pipeline(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** Holds a statement whose answer nobody reads until the next send. */
    void add(String sql, Object... values) {
        text.append(text.length() == 0 ? "" : ";\n").append(sql);
        params.addAll(Arrays.asList(values));
    }

    Mark mark() {
        return new Mark(text.length(), params.size(), sends);
    }

    /**
     * Starts a writer task whose SAVEPOINT goes only with the first send of its statements: a task that sends
     * nothing before it ends needs none, as its statements can still be taken back (dropSince). This saves a
     * statement and a subtransaction per task in the common case, where every row a task reads is cached.
     */
    Mark beginTask() {
        savepointAt = mark();
        return savepointAt;
    }

    /** The task ended: a SAVEPOINT it did not need is not sent. */
    void endTask() {
        savepointAt = null;
    }

    /** True when what was added after the mark has (at least in part) gone to the database. */
    boolean sentSince(Mark mark) {
        return sends != mark.sends();
    }

    /** Takes back what was added after the mark; only while none of it was sent. */
    void dropSince(Mark mark) {
        if (sentSince(mark)) {
            throw new IllegalStateException("statements already sent cannot be taken back");
        }
        text.setLength(mark.textLength());
        params.subList(mark.paramCount(), params.size()).clear();
        savepointAt = null;
    }

    /** Sends what is held, if anything. */
    void send() {
        if (text.length() > 0) {
            run(null, null, null);
        }
    }

    /** Sends what is held followed by this query, and hands its rows to rows. */
    void query(String sql, Object[] values, Rows rows) {
        run(sql, values, rows);
    }

    /** Sends what is held followed by this write, and returns the rows the write touched. */
    int update(String sql, Object[] values) {
        return run(sql, values, null);
    }

    long roundTrips() {
        return roundTrips;
    }

    private int run(String sql, Object[] values, Rows rows) {
        if (sql != null) {
            add(sql, values);
        }
        if (savepointAt != null) { // a SAVEPOINT has no parameters: those after it keep their places
            int at = savepointAt.textLength();
            text.insert(at, at == 0 ? "SAVEPOINT task;\n" : ";\nSAVEPOINT task");
            savepointAt = null;
        }
        String statements = text.toString();
        Object[] bound = params.toArray();
        text.setLength(0);
        params.clear();
        sends++;
        roundTrips++;
        // Not kept open between calls: the driver keeps the texts it sees often prepared on the server in its
        // own bounded cache, where the writer's StatementCache is unbounded.
        try (PreparedStatement ps = connection.prepareStatement(statements)) {
            for (int i = 0; i < bound.length; i++) {
                ps.setObject(i + 1, bound[i]);
            }
            boolean isRows = ps.execute();
            int updated = 0;
            while (true) { // to the last statement's answer: the held ones come first
                if (isRows) {
                    try (ResultSet resultSet = ps.getResultSet()) {
                        if (rows != null) {
                            rows.each(resultSet);
                        }
                    }
                } else if (ps.getUpdateCount() == -1) {
                    return updated;
                } else {
                    updated = ps.getUpdateCount();
                }
                isRows = ps.getMoreResults();
            }
        } catch (SQLException e) {
            throw new BatchFailed("the database failed: " + e.getMessage(), e);
        }
    }
}
