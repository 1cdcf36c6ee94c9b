package org.allocd.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The store's test schema (store/people) and the few statements the tests run on it. */
final class People {
    static final String LOCATION = "store/people";

    private People() {}

    static Database open(Path file) {
        return open(StoreSettings.defaults(file));
    }

    static Database open(StoreSettings settings) {
        return Database.open(settings, new Migrations(LOCATION));
    }

    static WriteTask<Long> insert(String name) {
        return writer -> insert(writer, name);
    }

    static long insert(Connection connection, String name) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO people (name) VALUES (?) RETURNING id")) {
            insert.setString(1, name);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    static void insertPet(Connection connection, long ownerId, String name) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO pets (owner_id, name) VALUES (?, ?)")) {
            insert.setLong(1, ownerId);
            insert.setString(2, name);
            insert.executeUpdate();
        }
    }

    static List<String> names(Database db) {
        return db.read(reader -> strings(reader, "SELECT name FROM people ORDER BY name"));
    }

    static long count(Database db, String table) {
        return db.read(reader -> number(reader, "SELECT count(*) FROM " + table));
    }

    static long number(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
