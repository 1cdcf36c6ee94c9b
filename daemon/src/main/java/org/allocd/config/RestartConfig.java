package org.allocd.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings read once at start: sockets, files and listeners are bound to them, so a SIGHUP cannot change them.
 *
 * @param databaseFile the SQLite file: {@code database}, or state_dir/allocd.db when unset
 * @param socketGroup  group that owns the hook socket (so slurmctld's user can connect), if set
 * @param slurmUser    the user allowed on the hook socket besides root
 * @param apiKeysFile  the HMAC keys of the HTTP API; set whenever httpListen is
 * @param spoolDir     where the Slurm hooks write events while allocd is away; replayed at start and every 30 s
 * @param slurm        slurm.conf, the Slurm commands' directory and the bound on each call
 * @param postgresql   the database and login when store = postgresql; empty otherwise
 * @param reach        the TCP door for other nodes and Open OnDemand's balance file
 */
public record RestartConfig(String clusterName, Path stateDir, Path databaseFile, Path hookSocket, Path adminSocket,
        Optional<String> socketGroup, String slurmUser, StoreKind store, Optional<HttpListen> httpListen,
        Optional<Path> apiKeysFile, Path spoolDir, SlurmSettings slurm,
        Optional<PostgresqlConfig> postgresql, ReachConfig reach) {

    public RestartConfig {
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(databaseFile, "databaseFile");
        Objects.requireNonNull(hookSocket, "hookSocket");
        Objects.requireNonNull(adminSocket, "adminSocket");
        Objects.requireNonNull(socketGroup, "socketGroup");
        Objects.requireNonNull(slurmUser, "slurmUser");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(httpListen, "httpListen");
        Objects.requireNonNull(apiKeysFile, "apiKeysFile");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(slurm, "slurm");
        Objects.requireNonNull(postgresql, "postgresql");
        Objects.requireNonNull(reach, "reach");
        if (postgresql.isPresent() != (store == StoreKind.POSTGRESQL)) {
            throw new IllegalArgumentException("postgresql settings are needed exactly when store = postgresql");
        }
    }
}
