package org.allocd.access;

import java.util.Optional;

/**
 * A uid's user name. name() may ask the site's directory (LDAP, SSSD) and block, so it runs off the
 * sockets' event loops; cached() answers from memory only, so a submit whose user was seen lately is
 * quoted on the event loop with no hand-off to another thread.
 */
@FunctionalInterface
public interface UserNames {
    Optional<String> name(int uid);

    /** The name when it is known and fresh, asking no one; empty: ask name() off the event loop. */
    default Optional<String> cached(int uid) {
        return Optional.empty();
    }
}
