package org.allocd.http;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The signatures seen while they could still be accepted, so a captured request cannot
 * be sent again. Bounded: when full it refuses rather than forget a live signature,
 * because forgetting would let that request be replayed.
 */
final class ReplayCache {
    enum Outcome { FIRST_SEEN, REPLAY, FULL }

    private record Entry(long expiresAtSeconds, String signature) {}

    private final int maxEntries;
    private final Map<String, Long> expiryBySignature = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.expiresAtSeconds, b.expiresAtSeconds));

    ReplayCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("replay cache size must be at least 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * Records a signature that stays acceptable until {@code expiresAtSeconds}.
     * Entries past their expiry are dropped first: a request that old is refused as stale anyway.
     */
    synchronized Outcome record(String signature, long expiresAtSeconds, long nowSeconds) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAtSeconds < nowSeconds) {
            Entry old = byExpiry.poll();
            expiryBySignature.remove(old.signature, old.expiresAtSeconds);
        }
        if (expiryBySignature.containsKey(signature)) {
            return Outcome.REPLAY;
        }
        if (expiryBySignature.size() >= maxEntries) {
            return Outcome.FULL;
        }
        expiryBySignature.put(signature, expiresAtSeconds);
        byExpiry.add(new Entry(expiresAtSeconds, signature));
        return Outcome.FIRST_SEEN;
    }

    synchronized int size() {
        return expiryBySignature.size();
    }

    int maxEntries() {
        return maxEntries;
    }
}
