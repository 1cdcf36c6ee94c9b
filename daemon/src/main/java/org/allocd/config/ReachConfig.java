package org.allocd.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the bank reaches people beyond its own host; read at start.
 *
 * @param adminListen      host:port of the TCP door for allocmgr on other nodes (MUNGE-authenticated); empty: off
 * @param adminListenRate  requests a second one client host may send to the door, on average
 * @param mungeSocket      the local munged's socket, which checks the door's credentials
 * @param oodBalanceFile   where to keep Open OnDemand's balance file; empty: none
 * @param portal           the web portal's sessions and trusted proxies (served when http_listen is set)
 */
public record ReachConfig(Optional<HttpListen> adminListen, int adminListenRate, Path mungeSocket,
        Optional<Path> oodBalanceFile, PortalConfig portal) {
    public ReachConfig {
        Objects.requireNonNull(adminListen, "adminListen");
        Objects.requireNonNull(mungeSocket, "mungeSocket");
        Objects.requireNonNull(oodBalanceFile, "oodBalanceFile");
        Objects.requireNonNull(portal, "portal");
    }

    /** Everything off: only the host's own sockets. */
    public static ReachConfig off() {
        return new ReachConfig(Optional.empty(), ConfigLoader.DEFAULT_ADMIN_LISTEN_RATE,
                Path.of(ConfigLoader.DEFAULT_MUNGE_SOCKET), Optional.empty(), PortalConfig.defaults());
    }
}
