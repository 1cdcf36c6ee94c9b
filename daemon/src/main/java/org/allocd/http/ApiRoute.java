package org.allocd.http;

import java.util.concurrent.CompletableFuture;

/**
 * One endpoint of the HTTP API. {@link #handle} runs on the caller-given route executor,
 * never on a network thread, so it may block (for example on a database read).
 * To answer with an error, throw or complete with an {@link ApiException}.
 */
@FunctionalInterface
public interface ApiRoute {
    CompletableFuture<ApiResponse> handle(ApiRequest request);
}
