package org.allocd.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The writer's prepared statements, kept while it keeps its connection:
 * preparing is most of the cost of a small SQLite statement. Used by the
 * writer thread only; a new connection starts an empty cache.
 */
final class StatementCache {
    private Connection owner;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    PreparedStatement get(Connection connection, String sql) throws SQLException {
        if (connection != owner) {
            statements.clear(); // the old connection closed its statements when it was dropped
            owner = connection;
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    void forget(PreparedStatement ps) {
        statements.values().remove(ps);
    }
}
