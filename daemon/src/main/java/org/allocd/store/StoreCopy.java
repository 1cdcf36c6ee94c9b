package org.allocd.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Copies every row of a SQLite ledger into another store (normally a new
 * PostgreSQL database), unchanged: same ids, same journal with the same hash
 * chain, same idempotency keys. The source is read in one snapshot; the
 * target is written in one transaction through its writer, so it ends either
 * with the whole copy or with nothing. Both must have the same schema version
 * (opening them migrates both to this allocd's).
 */
public final class StoreCopy {
    private static final int ROWS_PER_BATCH = 1_000;

    private StoreCopy() {}

    /** Rows copied, by table, in copy order. Refuses a target that already holds rows. */
    public static Map<String, Long> copy(Database source, Database target) {
        if (!(source.location() instanceof StoreLocation.SqliteFile)) {
            throw new IllegalArgumentException("the source must be a SQLite file, not " + source.location().describe());
        }
        try {
            return source.read(reader -> {
                List<String> tables = tables(reader);
                return target.write(writer -> copyAll(reader, writer, tables, StoreDialect.of(target.location())))
                        .join();
            });
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The ledger's tables in creation order, which is also the order their foreign keys allow. */
    private static List<String> tables(Connection sqlite) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = sqlite.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'"
                        + " AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version' ORDER BY rowid")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static Map<String, Long> copyAll(Connection reader, Connection writer, List<String> tables,
            StoreDialect targetDialect) throws SQLException {
        for (String table : tables) {
            long rows = count(writer, table);
            if (rows > 0) {
                throw new IllegalArgumentException("the target " + table + " table already holds " + rows
                        + " rows; migrate-store copies into an empty database only (drop and recreate it)");
            }
        }
        Map<String, Long> copied = new LinkedHashMap<>();
        for (String table : tables) {
            copied.put(table, copyTable(reader, writer, table));
        }
        targetDialect.afterCopy(writer, tables);
        return Collections.unmodifiableMap(copied);
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** In rowid order: ids ascending, and an account's parent (always older) before the account. */
    private static long copyTable(Connection reader, Connection writer, String table) throws SQLException {
        long rows = 0;
        try (Statement select = reader.createStatement();
                ResultSet source = select.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
            ResultSetMetaData columns = source.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                names.add(columns.getColumnName(i));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
            try (PreparedStatement target = writer.prepareStatement(insert)) {
                while (source.next()) {
                    for (int i = 1; i <= names.size(); i++) {
                        target.setObject(i, source.getObject(i));
                    }
                    target.addBatch();
                    if (++rows % ROWS_PER_BATCH == 0) {
                        target.executeBatch();
                    }
                }
                target.executeBatch();
            }
        }
        return rows;
    }
}
