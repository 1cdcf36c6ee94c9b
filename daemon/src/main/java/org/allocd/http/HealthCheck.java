package org.allocd.http;

import java.util.List;

/**
 * What {@code GET /healthz} reports. Called on a network thread: it must answer from
 * state the daemon already holds and must not block.
 */
@FunctionalInterface
public interface HealthCheck {
    /** Empty when healthy; otherwise one sentence per problem, e.g. "database: write failed 3 times in a row". */
    List<String> problems();
}
