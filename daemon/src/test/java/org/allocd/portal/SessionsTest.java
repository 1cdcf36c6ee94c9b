package org.allocd.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.allocd.ledger.TestClock;
import org.junit.jupiter.api.Test;

/** Sessions close when idle, at their absolute end and at logout; each has its own id and form token. */
class SessionsTest {
    static final long IDLE = 30 * 60_000L;
    static final long MAX = 12 * 3_600_000L;

    @Test
    void anIdleSessionCloses() {
        TestClock clock = new TestClock(1_000_000);
        Sessions sessions = new Sessions(clock, IDLE, MAX);
        Sessions.Session s = sessions.open("alice");
        clock.advanceMillis(IDLE - 1);
        assertTrue(sessions.find(s.id()).isPresent(), "used just before the idle limit");
        clock.advanceMillis(IDLE - 1);
        assertTrue(sessions.find(s.id()).isPresent(), "each use restarts the idle time");
        clock.advanceMillis(IDLE);
        assertTrue(sessions.find(s.id()).isEmpty(), "idle for the whole limit");
    }

    @Test
    void aSessionInUseStillClosesAtItsAbsoluteEnd() {
        TestClock clock = new TestClock(1_000_000);
        Sessions sessions = new Sessions(clock, IDLE, MAX);
        Sessions.Session s = sessions.open("alice");
        for (long used = 0; used < MAX - IDLE; used += IDLE / 2) {
            clock.advanceMillis(IDLE / 2);
            assertTrue(sessions.find(s.id()).isPresent());
        }
        clock.advanceMillis(MAX);
        assertTrue(sessions.find(s.id()).isEmpty());
    }

    @Test
    void logoutClosesAndIdsAndTokensAreOwn() {
        Sessions sessions = new Sessions(new TestClock(0), IDLE, MAX);
        Sessions.Session a = sessions.open("alice");
        Sessions.Session b = sessions.open("alice");
        assertNotEquals(a.id(), b.id());
        assertNotEquals(a.csrfToken(), b.csrfToken());
        assertEquals(43, a.id().length(), "256 random bits, base64url");
        sessions.close(a.id());
        assertTrue(sessions.find(a.id()).isEmpty());
        assertTrue(sessions.find(b.id()).isPresent());
    }
}
