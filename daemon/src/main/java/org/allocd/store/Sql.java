package org.allocd.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The few JDBC shapes the ledger's SQL needs, so each query is one line where it is used. */
final class Sql {
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Connection connection;
    /** Prepared statements kept across calls on the writer's connection; null = prepare each time. */
    private final StatementCache cache;
    /** Writes held back by {@link #defer} until the next statement or {@link #flush}; null = none are. */
    private final List<Deferred> deferred;

    private record Deferred(String sql, Object[] params) {}

    Sql(Connection connection, StatementCache cache) {
        this(connection, cache, false);
    }

    /**
     * @param pipelined hold back deferred writes and send them together: PostgreSQL's driver sends the statements
     *                  of one multi-statement text in one round trip
     */
    Sql(Connection connection, StatementCache cache, boolean pipelined) {
        this.connection = connection;
        this.cache = cache;
        this.deferred = pipelined ? new ArrayList<>() : null;
    }

    <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = new ArrayList<>();
        each(sql, mapper, rows::add, params);
        return rows;
    }

    <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    long number(String sql, Object... params) {
        return one(sql, r -> r.getLong(1), params).orElse(0L);
    }

    private static final int EACH_FETCH_ROWS = 1_000;

    <T> void each(String sql, RowMapper<T> mapper, Consumer<T> consumer, Object... params) {
        flush();
        PreparedStatement ps = null;
        try {
            ps = prepare(sql, params);
            // PostgreSQL's driver reads every row into memory unless told a fetch size (SQLite streams anyway):
            // verify and the streamed reports go through here over millions of rows.
            ps.setFetchSize(EACH_FETCH_ROWS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(mapper.map(rs));
                }
            }
            done(ps);
        } catch (SQLException e) {
            drop(ps);
            throw new StoreUnavailableException("reading the ledger failed: " + e.getMessage(), e);
        }
    }

    /** Runs an INSERT/UPDATE/DELETE and returns the rows it touched. */
    int update(String sql, Object... params) {
        flush();
        PreparedStatement ps = null;
        try {
            ps = prepare(sql, params);
            int rows = ps.executeUpdate();
            done(ps);
            return rows;
        } catch (SQLException e) {
            drop(ps);
            throw new StoreUnavailableException("writing the ledger failed: " + e.getMessage(), e);
        }
    }

    /**
     * A write whose row count nobody reads. When pipelined it is held back and sent with the writes after it,
     * before the next read or at {@link #flush}, all in one round trip; a failure then fails the task at that
     * point, and its savepoint undoes every one of them.
     */
    void defer(String sql, Object... params) {
        if (deferred == null) {
            update(sql, params);
        } else {
            deferred.add(new Deferred(sql, params));
        }
    }

    /** Sends the writes held back by {@link #defer}, as one statement text; the writer calls it at a task's end. */
    void flush() {
        if (deferred == null || deferred.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Deferred write : deferred) {
            text.append(text.length() == 0 ? "" : ";\n").append(write.sql());
            params.addAll(Arrays.asList(write.params()));
        }
        deferred.clear();
        // Not kept in the statement cache, which is unbounded: the driver keeps the texts it sees often prepared
        // on the server in its own bounded cache.
        try (PreparedStatement ps = connection.prepareStatement(text.toString())) {
            bind(ps, params.toArray());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("writing the ledger failed: " + e.getMessage(), e);
        }
    }

    /** Runs an INSERT and returns the new row's id (the statement must end with RETURNING id). */
    long insert(String sql, Object... params) {
        return one(sql, r -> r.getLong(1), params).orElseThrow(
                () -> new StoreUnavailableException("the database returned no id for a new row", null));
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement ps = cache == null ? connection.prepareStatement(sql) : cache.get(connection, sql);
        bind(ps, params);
        return ps;
    }

    /** A cached statement stays open for the next call; any other is closed. */
    private void done(PreparedStatement ps) throws SQLException {
        if (cache == null) {
            ps.close();
        } else {
            ps.clearParameters();
        }
    }

    /** After a failure a statement is never reused. */
    private void drop(PreparedStatement ps) {
        if (ps == null) {
            return;
        }
        if (cache != null) {
            cache.forget(ps);
        }
        try {
            ps.close();
        } catch (SQLException ignored) {
            // already failing: the first error is the one reported
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
