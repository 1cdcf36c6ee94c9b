package org.allocd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void quantilesAreNearestRankOverAllMergedParts() {
        Latencies a = new Latencies(100);
        Latencies b = new Latencies(100);
        for (int i = 1; i <= 100; i++) {
            (i % 2 == 0 ? a : b).add(i * 1_000_000L); // 1..100 ms, split over two callers
        }
        assertEquals("p50 50.00 ms, p99 99.00 ms, max 100.00 ms", Latencies.merge(List.of(a, b)).summary());
    }

    @Test
    void samplesBeyondCapacityAreDropped() {
        Latencies l = new Latencies(2);
        l.add(1_000_000L);
        l.add(2_000_000L);
        l.add(900_000_000L);
        assertEquals("p50 1.00 ms, p99 2.00 ms, max 2.00 ms", Latencies.merge(List.of(l)).summary());
    }

    @Test
    void noSamplesSaysSo() {
        assertEquals("no samples", Latencies.merge(List.of(new Latencies(4))).summary());
    }
}
