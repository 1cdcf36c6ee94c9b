package org.allocd.http;

/**
 * Settings of the HTTP API, checked when made.
 *
 * @param bindHost              address to listen on; 127.0.0.1 unless portals on other hosts need it
 * @param port                  TCP port; 0 picks a free one (tests read it back from the server)
 * @param ioThreads             network threads; they only parse, check signatures and write, so 1-2 is plenty
 * @param routeTimeoutMillis    a route that has not answered by then gets a 503 route_timeout
 * @param replayCacheMaxEntries signatures remembered for replay protection; each is kept up to 10 minutes
 *                              and costs about 250 bytes, so 100,000 covers about 160 requests per second
 */
public record HttpApiConfig(String bindHost, int port, int ioThreads, long routeTimeoutMillis, int replayCacheMaxEntries) {
    public static final int DEFAULT_IO_THREADS = 1;
    public static final long DEFAULT_ROUTE_TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_REPLAY_CACHE_MAX_ENTRIES = 100_000;

    public HttpApiConfig {
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("HTTP API bind host is empty; give an address such as 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("HTTP API port " + port + " is out of range; use 1-65535");
        }
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("HTTP API ioThreads " + ioThreads + " is out of range; use 1-64 (1 is plenty)");
        }
        if (routeTimeoutMillis < 1 || routeTimeoutMillis > 600_000) {
            throw new IllegalArgumentException("HTTP API routeTimeoutMillis " + routeTimeoutMillis
                    + " is out of range; use 1-600000 (default " + DEFAULT_ROUTE_TIMEOUT_MILLIS + ")");
        }
        if (replayCacheMaxEntries < 1 || replayCacheMaxEntries > 10_000_000) {
            throw new IllegalArgumentException("HTTP API replayCacheMaxEntries " + replayCacheMaxEntries
                    + " is out of range; use 1-10000000 (default " + DEFAULT_REPLAY_CACHE_MAX_ENTRIES + ")");
        }
    }

    /** Listens on host:port with the default limits. */
    public static HttpApiConfig of(String bindHost, int port) {
        return new HttpApiConfig(bindHost, port, DEFAULT_IO_THREADS, DEFAULT_ROUTE_TIMEOUT_MILLIS, DEFAULT_REPLAY_CACHE_MAX_ENTRIES);
    }
}
