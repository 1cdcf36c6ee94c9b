package org.allocd.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * store = postgresql: where the shared database is and how to log in.
 *
 * @param url             postgresql_url, jdbc:postgresql://HOST:PORT/DATABASE
 * @param credentialsFile postgresql_credentials_file, as read at load into login
 */
public record PostgresqlConfig(String url, Path credentialsFile, PostgresqlLogin login) {
    public PostgresqlConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentialsFile, "credentialsFile");
        Objects.requireNonNull(login, "login");
    }
}
