package org.allocd.remote;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import org.allocd.munge.MungeEncoder;

/**
 * How a request travels through the TCP door (docs/protocol.md, "TCP door"): the exact request bytes in
 * base64, beside a MUNGE credential whose payload is their SHA-256. munged vouches for the uid and that
 * the credential is fresh and used once; the hash ties it to these bytes, so it cannot carry another request.
 */
public final class RequestSeal {
    static final String CREDENTIAL = "credential";
    static final String REQUEST = "request";
    private static final String BINDING_PREFIX = "allocd-request-sha256:";

    private RequestSeal() {}

    /** The MUNGE payload that binds a credential to these request bytes. */
    static byte[] binding(byte[] request) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(request);
            return (BINDING_PREFIX + HexFormat.of().formatHex(hash)).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The frame payload for the TCP door: this process's credential (from its local munged) and the request. */
    public static ObjectNode seal(MungeEncoder munge, byte[] request, int ttlSeconds) {
        return seal(munge.encode(binding(request), ttlSeconds), request);
    }

    /** A credential beside request bytes, as sent; tests use it to pair a credential with other bytes. */
    public static ObjectNode seal(String credential, byte[] request) {
        return JsonNodeFactory.instance.objectNode().put(CREDENTIAL, credential)
                .put(REQUEST, Base64.getEncoder().encodeToString(request));
    }

    /** The credential a sealed request carries (tests take it to replay or re-pair it). */
    public static String credential(ObjectNode sealed) {
        return sealed.path(CREDENTIAL).asText();
    }
}
