package org.allocd.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.allocd.metrics.Counter;
import org.allocd.metrics.Histogram;

/**
 * Counts a socket's requests by op and outcome and times them. Ops outside
 * the known set count as "other", so a client cannot grow the label set.
 */
public final class MeteredHandler implements RequestHandler {
    private final RequestHandler inner;
    private final String socket;
    private final Set<String> knownOps;
    private final Counter requests;
    private final Histogram seconds;

    public MeteredHandler(RequestHandler inner, String socket, Set<String> knownOps, Counter requests,
            Histogram seconds) {
        this.inner = inner;
        this.socket = socket;
        this.knownOps = Set.copyOf(knownOps);
        this.requests = requests;
        this.seconds = seconds;
    }

    @Override
    public CompletableFuture<ObjectNode> handle(Peer peer, ObjectNode request) {
        long startNanos = System.nanoTime();
        JsonNode opNode = request.get("op");
        String op = opNode != null && knownOps.contains(opNode.asText()) ? opNode.asText() : "other";
        return inner.handle(peer, request).whenComplete((answer, failure) -> {
            String outcome = failure != null ? "internal"
                    : answer.path("ok").asBoolean(true) ? "ok" : answer.path("error").asText("error");
            requests.labels(socket, op, outcome).inc();
            seconds.labels(socket, op).observe((System.nanoTime() - startNanos) / 1e9);
        });
    }
}
