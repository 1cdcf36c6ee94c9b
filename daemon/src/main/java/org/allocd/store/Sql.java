package org.allocd.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
    /** Where writes wait to go with the next statement (see Pipeline); null = every statement goes at once. */
    private final Pipeline pipeline;

    Sql(Connection connection, StatementCache cache) {
        this.connection = connection;
        this.cache = cache;
        this.pipeline = null;
    }

    /** On the writer's pipeline: {@link #defer}red writes and savepoints go with the next read. */
    Sql(Pipeline pipeline) {
        this.connection = pipeline.connection();
        this.cache = null;
        this.pipeline = pipeline;
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
        if (pipeline != null) {
            pipeline.query(sql, params, rs -> {
                while (rs.next()) {
                    consumer.accept(mapper.map(rs));
                }
            });
            return;
        }
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
        if (pipeline != null) {
            return pipeline.update(sql, params);
        }
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
     * A write whose row count nobody reads. On the writer's pipeline it is held back and sent with the next
     * statement that answers; a failure then fails the whole batch (Pipeline.BatchFailed).
     */
    void defer(String sql, Object... params) {
        if (pipeline == null) {
            update(sql, params);
        } else {
            pipeline.add(sql, params);
        }
    }

    /** As defer, for a write whose effect no other write's order changes (Pipeline.addAnyOrder). */
    void deferAnyOrder(String sql, Object... params) {
        if (pipeline == null) {
            update(sql, params);
        } else {
            pipeline.addAnyOrder(sql, params);
        }
    }

    /** As defer, for a write of one row, kept in order only with that row's writes (Pipeline.addForRow). */
    void deferForRow(String row, String sql, Object... params) {
        if (pipeline == null) {
            update(sql, params);
        } else {
            pipeline.addForRow(row, sql, params);
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

    /** Values as one array parameter of text (PostgreSQL's {@code = ANY(?)}). */
    Object textArray(List<String> values) {
        try {
            return connection.createArrayOf("text", values.toArray(String[]::new));
        } catch (SQLException e) {
            throw new StoreUnavailableException("reading the ledger failed: " + e.getMessage(), e);
        }
    }

    static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
