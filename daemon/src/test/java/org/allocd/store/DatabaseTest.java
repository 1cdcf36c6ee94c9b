package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void createsItsDirectoryAndOwnerOnlyFiles() throws IOException {
        Path file = dir.resolve("state/ledger/people.db");
        try (Database db = People.open(file)) {
            db.write(People.insert("ann")).join();
            assertEquals("rwx------", mode(file.getParent()));
            assertEquals("rwx------", mode(dir.resolve("state")));
            for (String name : List.of("people.db", "people.db-wal", "people.db-shm")) {
                assertEquals("rw-------", mode(file.resolveSibling(name)), name);
            }
            assertEquals(new StoreLocation.SqliteFile(file), db.location());
        }
    }

    @Test
    void theReadPoolCannotWrite() {
        try (Database db = People.open(dir.resolve("people.db"))) {
            StoreUnavailableException refusal = assertThrows(StoreUnavailableException.class,
                    () -> db.read(reader -> reader.createStatement()
                            .executeUpdate("INSERT INTO people (name) VALUES ('sneaky')")));
            assertTrue(refusal.getMessage().startsWith("reading the database failed: "), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("readonly"), refusal.getMessage());
            assertThrows(StoreUnavailableException.class, () -> db.read(reader -> {
                reader.createStatement().execute("PRAGMA query_only = OFF"); // no pragma lifts read-only
                return reader.createStatement().executeUpdate("INSERT INTO people (name) VALUES ('sneaky')");
            }));
            assertEquals(List.of(), People.names(db), "nothing written, and the refused connections still read");
        }
    }

    @Test
    void aBackupOpensWithTheSameRowsAndIsOwnerOnly() throws IOException {
        Path backups = Files.createDirectory(dir.resolve("backups"));
        Path copy = backups.resolve("people-copy.db");
        try (Database db = People.open(dir.resolve("people.db"))) {
            for (String name : List.of("ann", "bob", "cid")) {
                db.write(People.insert(name)).join();
            }
            db.backupTo(copy);
            db.write(People.insert("dan")).join(); // after the backup: not in it
        }
        assertEquals("rw-------", mode(copy));
        try (Stream<Path> files = Files.list(backups)) {
            assertEquals(List.of(copy), files.toList(), "no partial file left behind");
        }
        try (Database restored = People.open(copy)) {
            assertEquals(List.of("ann", "bob", "cid"), People.names(restored));
            assertEquals(List.of("ok"), restored.read(reader -> People.strings(reader, "PRAGMA integrity_check")));
        }
    }

    @Test
    void aBackupRefusesAnExistingFileOrAMissingDirectory() throws IOException {
        Path existing = Files.writeString(dir.resolve("taken.db"), "keep me");
        try (Database db = People.open(dir.resolve("people.db"))) {
            IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                    () -> db.backupTo(existing));
            assertEquals("the backup file " + existing + " already exists; a backup never overwrites a file,"
                    + " choose a new name", taken.getMessage());
            assertEquals("keep me", Files.readString(existing));

            Path nowhere = dir.resolve("no-such-dir/copy.db");
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> db.backupTo(nowhere));
            assertEquals("the directory " + nowhere.getParent() + " for the backup does not exist; create it first",
                    missing.getMessage());
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
