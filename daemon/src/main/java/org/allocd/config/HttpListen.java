package org.allocd.config;

/** Where the HTTP JSON API listens; {@code host} is a name, an IP address (IPv6 without brackets) or "*" for all. */
public record HttpListen(String host, int port) {
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
