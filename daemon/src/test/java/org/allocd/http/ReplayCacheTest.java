package org.allocd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.allocd.http.ReplayCache.Outcome;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {

    @Test
    void refusesTheSameSignatureWhileItCouldStillBeAccepted() {
        ReplayCache cache = new ReplayCache(10);
        assertEquals(Outcome.FIRST_SEEN, cache.record("a", 1300, 1000));
        assertEquals(Outcome.REPLAY, cache.record("a", 1300, 1000));
        assertEquals(Outcome.REPLAY, cache.record("a", 1300, 1300)); // last second it is acceptable
        assertEquals(Outcome.FIRST_SEEN, cache.record("b", 1300, 1000));
        assertEquals(2, cache.size());
    }

    @Test
    void dropsEntriesOnlyOncePastTheirExpiry() {
        ReplayCache cache = new ReplayCache(10);
        cache.record("early", 1100, 1000);
        cache.record("late", 1500, 1000);
        cache.record("x", 1500, 1100);
        assertEquals(3, cache.size());
        cache.record("y", 1500, 1101); // "early" expired at 1100
        assertEquals(3, cache.size());
        assertEquals(Outcome.REPLAY, cache.record("late", 1500, 1101));
    }

    @Test
    void whenFullRefusesNewSignaturesRatherThanForgetLiveOnes() {
        ReplayCache cache = new ReplayCache(2);
        cache.record("a", 1300, 1000);
        cache.record("b", 1200, 1000);
        assertEquals(Outcome.FULL, cache.record("c", 1300, 1000));
        assertEquals(Outcome.REPLAY, cache.record("a", 1300, 1000)); // a replay is still called a replay
        assertEquals(Outcome.FIRST_SEEN, cache.record("c", 1300, 1201)); // "b" expired, room again
        assertEquals(2, cache.size());
    }

    @Test
    void needsRoomForOne() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayCache(0));
    }
}
