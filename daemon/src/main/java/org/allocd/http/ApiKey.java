package org.allocd.http;

/**
 * One line of the keys file. The HMAC key is the ASCII text of {@code secret} as written
 * in the file (not its hex-decoded bytes), so clients can pass it to any HMAC tool as is.
 */
public record ApiKey(String keyId, String userName, String secret) {
    /** Never prints the secret: keys end up in logs through toString. */
    @Override
    public String toString() {
        return "ApiKey[" + keyId + " for " + userName + "]";
    }
}
