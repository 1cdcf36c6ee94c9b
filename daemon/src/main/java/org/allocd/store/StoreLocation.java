package org.allocd.store;

import java.nio.file.Path;
import java.util.Objects;

/** Where the ledger's database is: an embedded SQLite file, or a PostgreSQL database shared by several daemons. */
public sealed interface StoreLocation permits StoreLocation.SqliteFile, StoreLocation.Postgresql {

    /** How the location is named in logs and messages; never holds a password. */
    String describe();

    /** @param file the SQLite file (made absolute); its directory is created if missing */
    record SqliteFile(Path file) implements StoreLocation {
        public SqliteFile {
            Objects.requireNonNull(file, "databaseFile must be set to the path of the database file");
            file = file.toAbsolutePath().normalize();
            if (file.getFileName() == null) {
                throw new IllegalArgumentException("databaseFile must name a file, not " + file);
            }
        }

        @Override
        public String describe() {
            return file.toString();
        }
    }

    /**
     * @param jdbcUrl  jdbc:postgresql://host[:port]/database[?options]
     * @param user     the role allocd logs in as
     * @param password its password (kept out of toString and logs)
     */
    record Postgresql(String jdbcUrl, String user, String password) implements StoreLocation {
        public static final String URL_PREFIX = "jdbc:postgresql://";

        public Postgresql {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (!jdbcUrl.startsWith(URL_PREFIX) || jdbcUrl.length() == URL_PREFIX.length()) {
                throw new IllegalArgumentException("the PostgreSQL URL must look like " + URL_PREFIX
                        + "HOST:PORT/DATABASE, got '" + jdbcUrl + "'");
            }
            if (user.isBlank()) {
                throw new IllegalArgumentException("the PostgreSQL user must not be empty");
            }
        }

        @Override
        public String describe() {
            return jdbcUrl + " as " + user;
        }

        @Override
        public String toString() {
            return "Postgresql[" + describe() + "]";
        }
    }
}
