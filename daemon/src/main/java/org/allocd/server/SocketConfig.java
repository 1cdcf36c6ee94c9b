package org.allocd.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one {@link UnixSocketServer} needs to know, validated when built.
 *
 * @param name                     short name for logs and messages, e.g. "hook" or "admin"
 * @param path                     absolute path of the socket file; null for a TCP door ({@link TcpSocketServer})
 * @param maxPayloadBytes          largest JSON payload accepted or sent on this socket
 * @param fileMode                 permissions of the socket file (connecting needs write permission)
 * @param group                    group to give the socket file, or empty to keep the daemon's
 * @param peerPolicy               who may connect at all
 * @param maxConnections           open connections past which new ones are closed at once
 * @param maxInFlightPerConnection requests awaiting an answer past which a connection gets "busy"
 * @param idleTimeoutMillis        a connection with nothing in flight and no traffic for this long is closed
 * @param drainTimeoutMillis       how long close() waits for requests in flight
 */
public record SocketConfig(
        String name,
        Path path,
        int maxPayloadBytes,
        Set<PosixFilePermission> fileMode,
        Optional<String> group,
        PeerPolicy peerPolicy,
        int maxConnections,
        int maxInFlightPerConnection,
        long idleTimeoutMillis,
        long drainTimeoutMillis) {

    /** sun_path holds 108 bytes with the NUL; binding also uses a sibling name with a ".pid" suffix. */
    static final int MAX_PATH_BYTES = 107 - ".4194304".length();
    /** Error frames must always fit, and a bigger limit than this is a mistake, not a need. */
    static final int MIN_PAYLOAD_BYTES = 1024;
    static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    public SocketConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileMode, "fileMode");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(peerPolicy, "peerPolicy");
        fileMode = Set.copyOf(fileMode);
        if (name.isBlank()) {
            throw new IllegalArgumentException("socket name must not be blank; use e.g. \"hook\" or \"admin\"");
        }
        if (path != null && (!path.isAbsolute() || path.getParent() == null)) {
            throw invalid(name, "path", "is " + path + "; use an absolute path such as /run/allocd/" + name + ".sock");
        }
        int pathBytes = path == null ? 0 : path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (pathBytes > MAX_PATH_BYTES) {
            throw invalid(name, "path", "is " + pathBytes + " bytes long; unix socket paths must be at most "
                    + MAX_PATH_BYTES + " bytes here, choose a shorter directory");
        }
        if (maxPayloadBytes < MIN_PAYLOAD_BYTES || maxPayloadBytes > MAX_PAYLOAD_BYTES) {
            throw invalid(name, "maxPayloadBytes", "is " + maxPayloadBytes + "; it must be between "
                    + MIN_PAYLOAD_BYTES + " and " + MAX_PAYLOAD_BYTES);
        }
        if (group.isPresent() && group.get().isBlank()) {
            throw invalid(name, "group", "is blank; give a group name or leave it out");
        }
        if (maxConnections < 1) {
            throw invalid(name, "maxConnections", "is " + maxConnections + "; it must be at least 1");
        }
        if (maxInFlightPerConnection < 1) {
            throw invalid(name, "maxInFlightPerConnection", "is " + maxInFlightPerConnection
                    + "; it must be at least 1");
        }
        if (idleTimeoutMillis < 1) {
            throw invalid(name, "idleTimeoutMillis", "is " + idleTimeoutMillis + "; it must be at least 1");
        }
        if (drainTimeoutMillis < 0) {
            throw invalid(name, "drainTimeoutMillis", "is " + drainTimeoutMillis + "; it must not be negative");
        }
    }

    private static IllegalArgumentException invalid(String socketName, String setting, String problem) {
        return new IllegalArgumentException(socketName + " socket: " + setting + " " + problem);
    }

    /** A builder with defaults suited to the hook socket except the payload limit, which every socket sets. */
    public static Builder builder(String name, Path path, int maxPayloadBytes) {
        return new Builder(name, path, maxPayloadBytes);
    }

    /** A builder for a TCP door: no socket file, so no path, mode or group. */
    public static Builder tcp(String name, int maxPayloadBytes) {
        return new Builder(name, null, maxPayloadBytes);
    }

    /** Optional settings with their defaults. */
    public static final class Builder {
        private final String name;
        private final Path path;
        private final int maxPayloadBytes;
        private Set<PosixFilePermission> fileMode = PosixFilePermissions.fromString("rw-rw----");
        private Optional<String> group = Optional.empty();
        private PeerPolicy peerPolicy = PeerPolicy.anyone();
        private int maxConnections = 1024;
        private int maxInFlightPerConnection = 64;
        private long idleTimeoutMillis = 60_000;
        private long drainTimeoutMillis = 5_000;

        private Builder(String name, Path path, int maxPayloadBytes) {
            this.name = name;
            this.path = path;
            this.maxPayloadBytes = maxPayloadBytes;
        }

        /** Permissions in ls notation, e.g. "rw-rw----". */
        public Builder fileMode(String permissions) {
            this.fileMode = PosixFilePermissions.fromString(permissions);
            return this;
        }

        public Builder group(String groupName) {
            this.group = Optional.of(groupName);
            return this;
        }

        public Builder peerPolicy(PeerPolicy policy) {
            this.peerPolicy = policy;
            return this;
        }

        public Builder maxConnections(int count) {
            this.maxConnections = count;
            return this;
        }

        public Builder maxInFlightPerConnection(int count) {
            this.maxInFlightPerConnection = count;
            return this;
        }

        public Builder idleTimeoutMillis(long millis) {
            this.idleTimeoutMillis = millis;
            return this;
        }

        public Builder drainTimeoutMillis(long millis) {
            this.drainTimeoutMillis = millis;
            return this;
        }

        public SocketConfig build() {
            return new SocketConfig(name, path, maxPayloadBytes, fileMode, group, peerPolicy,
                    maxConnections, maxInFlightPerConnection, idleTimeoutMillis, drainTimeoutMillis);
        }
    }
}
