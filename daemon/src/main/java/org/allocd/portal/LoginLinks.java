package org.allocd.portal;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.allocd.protocol.PortalLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time login links: 'allocmgr portal' (a door that proved the user) asks for one, the browser
 * redeems it once within {@link #VALID_MILLIS}. Kept in memory only: a restart voids open links,
 * which costs a user one more 'allocmgr portal'.
 */
public final class LoginLinks implements PortalLinks {
    private static final Logger log = LoggerFactory.getLogger(LoginLinks.class);
    public static final long VALID_MILLIS = 60_000;
    /** Far above what people ask for in a minute; bounds what a looping script can make us hold. */
    static final int MAX_OPEN = 10_000;

    private record Link(String user, long expiresAtMillis) {}

    private final Map<String, Link> open = new ConcurrentHashMap<>();
    private final String baseUrl;
    private final Clock clock;

    /** baseUrl: the portal's address as browsers reach it, ending in '/'. */
    public LoginLinks(String baseUrl, Clock clock) {
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    @Override
    public String linkFor(String user) {
        long now = clock.millis();
        if (open.size() >= MAX_OPEN) {
            open.values().removeIf(link -> link.expiresAtMillis() <= now);
            if (open.size() >= MAX_OPEN) {
                throw new IllegalStateException("too many open portal login links (" + MAX_OPEN
                        + "); wait a minute for them to expire");
            }
        }
        String token = Tokens.fresh();
        open.put(token, new Link(user, now + VALID_MILLIS));
        log.info("portal login link issued for {}", user);
        return baseUrl + "login?token=" + token;
    }

    /** The user the link was issued for, once, while it is valid; empty for an unknown, used or expired token. */
    Optional<String> redeem(String token) {
        Link link = token == null ? null : open.remove(token);
        if (link == null || link.expiresAtMillis() <= clock.millis()) {
            return Optional.empty();
        }
        return Optional.of(link.user());
    }
}
