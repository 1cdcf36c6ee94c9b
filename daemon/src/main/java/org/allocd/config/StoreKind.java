package org.allocd.config;

/** Where the ledger lives. */
public enum StoreKind {
    /** The embedded SQLite file in state_dir (or database). */
    SQLITE,
    /** A PostgreSQL database (postgresql_url, postgresql_credentials_file), which several daemons may share. */
    POSTGRESQL
}
