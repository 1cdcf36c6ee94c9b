package org.allocd.bench;

import java.util.Locale;

/** What one benchmark phase did: cycles, wall time and, when measured, per-operation latency. */
record PhaseResult(long cycles, long failures, long elapsedNanos, Latencies latencies) {

    double cyclesPerSecond() {
        return cycles * 1e9 / elapsedNanos;
    }

    String line(String label) {
        String latency = latencies == null ? "" : "  op latency " + latencies.summary();
        return String.format(Locale.ROOT, "%-44s %9.0f cycles/s  (%d cycles, %d failed, %.1f s)%s", label,
                cyclesPerSecond(), cycles, failures, elapsedNanos / 1e9, latency);
    }
}
