package org.allocd.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds, kept in a fixed array (samples past its size are dropped, not grown into). */
final class Latencies {
    private final long[] samples;
    private int count;

    Latencies(int capacity) {
        samples = new long[capacity];
    }

    void add(long nanos) {
        if (count < samples.length) {
            samples[count++] = nanos;
        }
    }

    /** Merges others into one sorted set. */
    static Latencies merge(Iterable<Latencies> parts) {
        int total = 0;
        for (Latencies p : parts) {
            total += p.count;
        }
        Latencies all = new Latencies(total);
        for (Latencies p : parts) {
            System.arraycopy(p.samples, 0, all.samples, all.count, p.count);
            all.count += p.count;
        }
        Arrays.sort(all.samples, 0, all.count);
        return all;
    }

    /** Call on a merged (sorted) set. */
    String summary() {
        if (count == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms", at(0.50), at(0.99),
                samples[count - 1] / 1e6);
    }

    /** The quantile (0.95: p95) in ms; call on a merged (sorted) set. */
    double at(double quantile) {
        return samples[Math.min(count - 1, (int) Math.ceil(quantile * count) - 1)] / 1e6;
    }
}
