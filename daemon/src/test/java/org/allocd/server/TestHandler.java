package org.allocd.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request handler for transport tests, driven by the request's "op":
 * echo (answer at once), hold (answer when the test calls {@link #complete}), throw, none (no future),
 * fail, big.
 */
final class TestHandler implements RequestHandler {
    final AtomicInteger calls = new AtomicInteger();
    final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<ObjectNode>> held = new ConcurrentHashMap<>();
    private final BlockingQueue<String> heldKeys = new LinkedBlockingQueue<>();

    @Override
    public CompletableFuture<ObjectNode> handle(Peer peer, ObjectNode request) {
        calls.incrementAndGet();
        peers.add(peer);
        String op = request.path("op").asText();
        switch (op) {
            case "echo" -> {
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                answer.set("echo", request.path("value"));
                return CompletableFuture.completedFuture(answer);
            }
            case "hold" -> {
                CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
                String key = request.path("key").asText();
                held.put(key, answer);
                heldKeys.add(key);
                return answer;
            }
            case "throw" -> throw new IllegalStateException("boom in handle()");
            case "none" -> {
                return null;
            }
            case "fail" -> {
                return CompletableFuture.failedFuture(new IllegalArgumentException("boom in the future"));
            }
            case "big" -> {
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                answer.put("blob", "x".repeat(request.path("chars").asInt()));
                return CompletableFuture.completedFuture(answer);
            }
            default -> {
                ObjectNode answer = JsonNodeFactory.instance.objectNode();
                answer.put("ok", false);
                answer.put("error", "unknown_op");
                return CompletableFuture.completedFuture(answer);
            }
        }
    }

    /** Waits until the handler has received a "hold" request with this key. */
    void awaitHeld(String key) throws InterruptedException {
        while (!held.containsKey(key)) {
            if (heldKeys.poll(30, TimeUnit.SECONDS) == null) {
                throw new AssertionError("the handler never received hold request " + key);
            }
        }
    }

    void complete(String key, String result) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("result", result);
        held.get(key).complete(answer);
    }
}
