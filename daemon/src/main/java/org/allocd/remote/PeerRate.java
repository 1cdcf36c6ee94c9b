package org.allocd.remote;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client host: each host may send {@code perSecond} requests a second on average,
 * in bursts of up to twice that. Checked before any credential reaches munged, so a flood from one
 * login node costs allocd a map lookup per frame. Holds at most {@link #MAX_HOSTS} hosts.
 */
final class PeerRate {
    static final int MAX_HOSTS = 4096;
    /** A host quiet this long has a full bucket again, so its entry can go. */
    private static final long FORGET_NANOS = 60_000_000_000L;

    private static final class Bucket {
        double tokens;
        long atNanos;
    }

    private final int perSecond;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PeerRate(int perSecond, LongSupplier nanoTime) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("the per-host request rate must be at least 1 a second");
        }
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** Takes one request's token for this host; false when it has none left (or too many hosts are active). */
    boolean take(String host) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(host);
        if (bucket == null) {
            if (buckets.size() >= MAX_HOSTS) {
                forgetQuiet(now);
                if (buckets.size() >= MAX_HOSTS) {
                    return false;
                }
            }
            bucket = buckets.computeIfAbsent(host, h -> {
                Bucket fresh = new Bucket();
                fresh.tokens = 2.0 * perSecond;
                fresh.atNanos = now;
                return fresh;
            });
        }
        synchronized (bucket) {
            double refill = (now - bucket.atNanos) / 1e9 * perSecond;
            bucket.tokens = Math.min(2.0 * perSecond, bucket.tokens + Math.max(0, refill));
            bucket.atNanos = Math.max(bucket.atNanos, now);
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    private void forgetQuiet(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            synchronized (b) {
                if (now - b.atNanos > FORGET_NANOS) {
                    it.remove();
                }
            }
        }
    }
}
