package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void appliesEachMigrationOnceInVersionOrderAndRecordsIt() {
        Path file = dir.resolve("people.db");
        List<String> recorded;
        try (Database db = People.open(file)) {
            recorded = schemaVersions(db);
            assertEquals(2, recorded.size());
            assertTrue(recorded.get(0).startsWith("1 V1__people.sql "), recorded.get(0));
            assertTrue(recorded.get(1).startsWith("2 V2__pets.sql "), recorded.get(1));
            assertTrue(recorded.get(0).split(" ")[2].matches("[0-9a-f]{64}"), "sha256 in hex");
            assertEquals(0, People.count(db, "pets"));
        }
        try (Database reopened = People.open(file)) {
            assertEquals(recorded, schemaVersions(reopened), "reopening applies nothing");
        }
        assertEquals(2, new Migrations(People.LOCATION).latestVersion());
    }

    @Test
    void refusesAnAppliedMigrationWhoseFileChanged() {
        Path file = dir.resolve("people.db");
        People.open(file).close();

        MigrationException refusal = assertThrows(MigrationException.class,
                () -> Database.open(StoreSettings.defaults(file), new Migrations("store/people-changed")));
        assertTrue(refusal.getMessage().startsWith("migration V1__people.sql changed after it was applied"),
                refusal.getMessage());
    }

    @Test
    void refusesADatabaseNewerThanTheCode() {
        Path file = dir.resolve("people.db");
        People.open(file).close();

        MigrationException refusal = assertThrows(MigrationException.class,
                () -> Database.open(StoreSettings.defaults(file), new Migrations("store/people-v1")));
        assertTrue(refusal.getMessage().startsWith(
                "the database has schema version 2, newer than this allocd knows (1)"), refusal.getMessage());
    }

    @Test
    void aFailingMigrationLeavesNothingOfItselfBehind() {
        Path file = dir.resolve("people.db");
        MigrationException failure = assertThrows(MigrationException.class,
                () -> Database.open(StoreSettings.defaults(file), new Migrations("store/broken")));
        assertTrue(failure.getMessage().startsWith("migration V2__half.sql failed at statement 2"
                + " (INSERT INTO no_such_table VALUES (1);), nothing of it was applied"), failure.getMessage());

        try (Database db = Database.open(StoreSettings.defaults(file), new Migrations("store/people-v1"))) {
            assertEquals(1, schemaVersions(db).size(), "V1 stands in its own transaction");
            long halfTables = db.read(reader -> People.number(reader,
                    "SELECT count(*) FROM sqlite_schema WHERE name = 'half'"));
            assertEquals(0, halfTables);
        }
    }

    @Test
    void refusesABadIndexBeforeTouchingAnyDatabase() {
        assertEquals("store/bad-name/index.txt line 2: 'create_tables.sql' is not a migration file name;"
                + " use V<version>__<name>.sql, e.g. V2__add_quota.sql",
                assertThrows(MigrationException.class, () -> new Migrations("store/bad-name")).getMessage());
        assertEquals("store/missing-file/index.txt lists V2__gone.sql but store/missing-file/V2__gone.sql"
                + " is not on the classpath",
                assertThrows(MigrationException.class, () -> new Migrations("store/missing-file")).getMessage());
        assertTrue(assertThrows(MigrationException.class, () -> new Migrations("store/nowhere")).getMessage()
                .startsWith("the migration index store/nowhere/index.txt is not on the classpath"));
    }

    private static List<String> schemaVersions(Database db) {
        return db.read(reader -> People.strings(reader,
                "SELECT version || ' ' || name || ' ' || sha256 || ' ' || applied_at_ms"
                        + " FROM schema_version ORDER BY version"));
    }
}
