package org.allocd.http;

import java.util.concurrent.CompletableFuture;

/**
 * Answers every path that is not the API's (/v1/, /healthz, /metrics): the web portal. Called on a network
 * thread, so it must hand its work to a thread of its own and return at once.
 */
@FunctionalInterface
public interface PageHandler {
    CompletableFuture<PageResponse> handle(PageRequest request);
}
