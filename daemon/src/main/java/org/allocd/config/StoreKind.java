package org.allocd.config;

/** Where the ledger lives. PostgreSQL (store = postgresql) is planned and refused at load until it exists. */
public enum StoreKind {
    /** The embedded SQLite file in state_dir. */
    SQLITE
}
