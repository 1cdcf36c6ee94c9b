package org.allocd.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a request is signed (see docs/http-api.md): lowercase hex HMAC-SHA256, keyed with
 * the secret's text, over {@code METHOD \n PATH_WITH_QUERY \n TIMESTAMP \n hex(sha256(body))}.
 */
public final class RequestSignature {
    private static final HexFormat HEX = HexFormat.of();

    private RequestSignature() {}

    public static String stringToSign(String method, String pathWithQuery, long timestampSeconds, byte[] body) {
        return method + "\n" + pathWithQuery + "\n" + timestampSeconds + "\n" + HEX.formatHex(sha256(body));
    }

    /** The value of the X-Allocd-Signature header for this request. */
    public static String sign(String secret, String method, String pathWithQuery, long timestampSeconds, byte[] body) {
        byte[] toSign = stringToSign(method, pathWithQuery, timestampSeconds, body).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(toSign));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM, which every Java 17 JVM has", e);
        }
    }

    /** Compares in time independent of where the two differ, so timing does not reveal the right signature. */
    static boolean same(String expectedHex, String givenHex) {
        return MessageDigest.isEqual(expectedHex.getBytes(StandardCharsets.US_ASCII), givenHex.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM, which every Java 17 JVM has", e);
        }
    }
}
