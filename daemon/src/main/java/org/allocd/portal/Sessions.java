package org.allocd.portal;

import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open portal sessions, in memory: each closes after {@code idleMillis} unused or {@code maxMillis}
 * after it opened, or at logout. A restart closes them all (people sign in again).
 */
final class Sessions {
    /** Beyond this the least recently used session is closed to make room: memory stays bounded. */
    static final int MAX_OPEN = 10_000;

    /** One signed-in browser; csrfToken goes into every form it is shown and must come back with the post. */
    record Session(String id, String user, String csrfToken, long openedMillis, long lastSeenMillis) {}

    private final Map<String, Session> open = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long idleMillis;
    private final long maxMillis;

    Sessions(Clock clock, long idleMillis, long maxMillis) {
        this.clock = clock;
        this.idleMillis = idleMillis;
        this.maxMillis = maxMillis;
    }

    Session open(String user) {
        long now = clock.millis();
        if (open.size() >= MAX_OPEN) {
            open.values().removeIf(s -> !alive(s, now));
            open.values().stream().min(Comparator.comparingLong(Session::lastSeenMillis))
                    .filter(s -> open.size() >= MAX_OPEN).ifPresent(s -> open.remove(s.id()));
        }
        Session session = new Session(Tokens.fresh(), user, Tokens.fresh(), now, now);
        open.put(session.id(), session);
        return session;
    }

    /** The live session with this id, marked as used now; a timed-out one is closed and not found. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        Session found = open.computeIfPresent(id, (key, s) -> alive(s, now)
                ? new Session(s.id(), s.user(), s.csrfToken(), s.openedMillis(), now) : null);
        return Optional.ofNullable(found);
    }

    void close(String id) {
        if (id != null) {
            open.remove(id);
        }
    }

    long maxSeconds() {
        return maxMillis / 1000;
    }

    private boolean alive(Session s, long now) {
        return now - s.lastSeenMillis() < idleMillis && now - s.openedMillis() < maxMillis;
    }
}
