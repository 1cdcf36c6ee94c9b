package org.allocd.http;

import java.util.Set;

/**
 * One line of the keys file. The HMAC key is the ASCII text of {@code secret} as written
 * in the file (not its hex-decoded bytes), so clients can pass it to any HMAC tool as is.
 *
 * @param actAs the users this key may act for (the act-as header): none, some, or {@link #ANY_USER}
 */
public record ApiKey(String keyId, String userName, String secret, Set<String> actAs) {
    /** In actAs: the key may act for every user, admins included. */
    public static final String ANY_USER = "*";

    public ApiKey {
        actAs = Set.copyOf(actAs);
    }

    /** A key that acts only as its own user. */
    public ApiKey(String keyId, String userName, String secret) {
        this(keyId, userName, secret, Set.of());
    }

    public boolean mayActAs(String user) {
        return actAs.contains(ANY_USER) || actAs.contains(user);
    }

    /** Never prints the secret: keys end up in logs through toString. */
    @Override
    public String toString() {
        return "ApiKey[" + keyId + " for " + userName + (actAs.isEmpty() ? "" : ", may act as " + actAs) + "]";
    }
}
