package org.allocd.http;

import org.allocd.metrics.Counter;
import org.allocd.metrics.Histogram;
import org.allocd.metrics.MetricsRegistry;

/** Counts every HTTP response by route template and status, and times it. */
final class HttpMetrics {
    /** Route label of paths that match no route, so request data never becomes a label value. */
    static final String UNMATCHED_ROUTE = "unmatched";

    private static final double[] LATENCY_BUCKETS_SECONDS =
            {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};

    private final Counter requests;
    private final Histogram latency;

    HttpMetrics(MetricsRegistry registry) {
        requests = registry.counter("allocd_http_requests_total",
                "HTTP API responses by route template and status code.", "route", "status");
        latency = registry.histogram("allocd_http_request_duration_seconds",
                "Time from a complete HTTP request to its response being written, by route template.",
                LATENCY_BUCKETS_SECONDS, "route");
    }

    void record(String route, int status, long startNanos) {
        requests.labels(route, Integer.toString(status)).inc();
        latency.labels(route).observe((System.nanoTime() - startNanos) / 1e9);
    }
}
