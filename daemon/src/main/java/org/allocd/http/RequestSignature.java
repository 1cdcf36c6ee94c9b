package org.allocd.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a request is signed (see docs/http-api.md): lowercase hex HMAC-SHA256, keyed with
 * the secret's text, over {@code METHOD \n PATH_WITH_QUERY \n TIMESTAMP \n hex(sha256(body))}
 * under /v1/, and over {@code PATH_WITH_QUERY|TIMESTAMP} under /api/ (the OAsis portal's scheme).
 * A request that acts for another user adds that user: a fifth line, or a third |-field, so the
 * act-as header cannot be changed in transit either.
 */
public final class RequestSignature {
    private static final HexFormat HEX = HexFormat.of();

    private RequestSignature() {}

    public static String stringToSign(String method, String pathWithQuery, long timestampSeconds, byte[] body) {
        return method + "\n" + pathWithQuery + "\n" + timestampSeconds + "\n" + HEX.formatHex(sha256(body));
    }

    /** The value of the X-Allocd-Signature header for this request. */
    public static String sign(String secret, String method, String pathWithQuery, long timestampSeconds, byte[] body) {
        return hmac(secret, stringToSign(method, pathWithQuery, timestampSeconds, body));
    }

    /** The same for a request that acts for actAs (null: for the key's own user). */
    public static String sign(String secret, String method, String pathWithQuery, long timestampSeconds, byte[] body,
            String actAs) {
        return hmac(secret, withActAs(stringToSign(method, pathWithQuery, timestampSeconds, body), "\n", actAs));
    }

    /** The value of the req-signature header of a request under /api/: it signs no method and no body. */
    public static String signPath(String secret, String pathWithQuery, long timestampSeconds, String actAs) {
        return hmac(secret, withActAs(pathWithQuery + "|" + timestampSeconds, "|", actAs));
    }

    private static String withActAs(String toSign, String separator, String actAs) {
        return actAs == null ? toSign : toSign + separator + actAs;
    }

    private static String hmac(String secret, String text) {
        byte[] toSign = text.getBytes(StandardCharsets.UTF_8);
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
