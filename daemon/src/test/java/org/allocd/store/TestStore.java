package org.allocd.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The stores a test suite runs against: @ParameterizedClass @EnumSource(TestStore.class). */
public enum TestStore {
    SQLITE, POSTGRESQL;

    /** A new, empty database of this kind: a file in dir, or a fresh schema on the test server. */
    public StoreLocation fresh(Path dir) {
        return this == SQLITE ? new StoreLocation.SqliteFile(dir.resolve("ledger.db"))
                : TestPostgresql.shared().freshSchema();
    }

    /** A plain JDBC connection beside the store, for tests that damage it on purpose. */
    public static Connection connect(StoreLocation location) throws SQLException {
        if (location instanceof StoreLocation.Postgresql pg) {
            return TestPostgresql.connect(pg);
        }
        return DriverManager.getConnection("jdbc:sqlite:" + ((StoreLocation.SqliteFile) location).file());
    }

    /** DROP TRIGGER as this database writes it. */
    public String dropJournalTrigger(String trigger) {
        return "DROP TRIGGER " + trigger + (this == POSTGRESQL ? " ON journal" : "");
    }
}
