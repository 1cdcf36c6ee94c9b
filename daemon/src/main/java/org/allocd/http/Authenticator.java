package org.allocd.http;

import java.time.Clock;
import java.util.regex.Pattern;
import org.allocd.errors.ErrorCode;

/**
 * Checks a request's signature (see docs/http-api.md): the X-Allocd-* headers under /v1/, which sign
 * method, path, time and body; or the req-* headers under /api/, which sign path and time only (the OAsis
 * portal's scheme, so its clients work unchanged). Then the act-as header, when the key may act for others.
 */
final class Authenticator {
    static final String KEY_HEADER = "X-Allocd-Key";
    static final String TIMESTAMP_HEADER = "X-Allocd-Timestamp";
    static final String SIGNATURE_HEADER = "X-Allocd-Signature";
    static final String PATH_KEY_HEADER = "req-api-key";
    static final String PATH_TIMESTAMP_HEADER = "req-at";
    static final String PATH_SIGNATURE_HEADER = "req-signature";
    /**
     * How far a request's timestamp may be from the server clock, either way, in both schemes; a signature
     * is accepted once within it, so a captured request can be sent again neither later nor sooner.
     */
    static final long WINDOW_SECONDS = 300;
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}");

    /** The key that signed a request, and the user it acts for when that is not the key's own. */
    record Signer(ApiKey key, String actAs) {
        String user() {
            return actAs == null ? key.userName() : actAs;
        }
    }

    private final ApiKeys keys;
    private final ReplayCache replayCache;
    private final Clock clock;

    Authenticator(ApiKeys keys, ReplayCache replayCache, Clock clock) {
        this.keys = keys;
        this.replayCache = replayCache;
        this.clock = clock;
    }

    /**
     * Returns who signed the request, or throws a 401 (403 for an act-as the key may not use, 503 when
     * the replay cache is full) whose code says which check failed.
     */
    Signer authenticate(Incoming in, boolean pathScheme) {
        String keyHeader = pathScheme ? PATH_KEY_HEADER : KEY_HEADER;
        String timestampHeader = pathScheme ? PATH_TIMESTAMP_HEADER : TIMESTAMP_HEADER;
        String signatureHeader = pathScheme ? PATH_SIGNATURE_HEADER : SIGNATURE_HEADER;
        String keyId = in.header(keyHeader);
        String timestamp = in.header(timestampHeader);
        String signature = in.header(signatureHeader);
        if (keyId == null || timestamp == null || signature == null) {
            throw new ApiException(ErrorCode.MISSING_AUTH_HEADERS, "requests under " + (pathScheme ? "/api/" : "/v1/")
                    + " need the headers " + keyHeader + ", " + timestampHeader + " and " + signatureHeader
                    + "; see docs/http-api.md for how to sign");
        }
        long timestampSeconds = parseTimestamp(timestampHeader, timestamp);
        ApiKey key = keys.find(keyId).orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_KEY, "API key '" + keyId
                + "' is not in the server's keys file; check " + keyHeader + " or ask the site admin for a key"));
        long nowSeconds = clock.instant().getEpochSecond();
        if (Math.abs(nowSeconds - timestampSeconds) > WINDOW_SECONDS) {
            throw new ApiException(ErrorCode.STALE_TIMESTAMP, timestampHeader + " " + timestampSeconds + " is "
                    + Math.abs(nowSeconds - timestampSeconds) + " s from the server clock " + nowSeconds
                    + " (at most " + WINDOW_SECONDS + " s allowed); sign with the current unix time and keep the client clock in sync (NTP)");
        }
        String actAs = in.header(Incoming.ACT_AS_HEADER);
        String expected = pathScheme ? RequestSignature.signPath(key.secret(), in.uri(), timestampSeconds, actAs)
                : RequestSignature.sign(key.secret(), in.method(), in.uri(), timestampSeconds, in.body(), actAs);
        if (!RequestSignature.same(expected, signature)) {
            throw new ApiException(ErrorCode.BAD_SIGNATURE, signatureHeader + " does not match; it must be the lowercase hex "
                    + "HMAC-SHA256, keyed with the secret, of " + (pathScheme ? "PATH_WITH_QUERY|TIMESTAMP"
                            : "METHOD\\nPATH_WITH_QUERY\\nTIMESTAMP\\nhex(sha256(body))")
                    + (actAs == null ? "" : (pathScheme ? "|" : "\\n") + "ACT_AS")
                    + " exactly as sent (here: " + (pathScheme ? "" : in.method() + " ") + in.uri() + " " + timestampSeconds
                    + (actAs == null ? "" : " act-as " + actAs) + ")");
        }
        ReplayCache.Outcome seen = replayCache.record(expected, timestampSeconds + WINDOW_SECONDS, nowSeconds);
        if (seen == ReplayCache.Outcome.REPLAY) {
            throw new ApiException(ErrorCode.REPLAYED_REQUEST, "this exact signed request was already received; "
                    + "sign every request anew (a new timestamp makes a new signature, or add ?nonce=UNIQUE)");
        }
        if (seen == ReplayCache.Outcome.FULL) {
            throw new ApiException(ErrorCode.REPLAY_CACHE_FULL, "the server holds " + replayCache.maxEntries()
                    + " recent signatures, its limit; retry in a few seconds");
        }
        return new Signer(key, actAs == null ? null : allowedActAs(key, actAs));
    }

    private static String allowedActAs(ApiKey key, String actAs) {
        if (!USER_NAME.matcher(actAs).matches()) {
            throw new ApiException(ErrorCode.BAD_REQUEST, Incoming.ACT_AS_HEADER
                    + " must be a unix user name (letters, digits, '.', '_', '-', at most 32)");
        }
        if (actAs.equals(key.userName())) {
            return null;
        }
        if (!key.mayActAs(actAs)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "API key '" + key.keyId() + "' may not act for other users"
                    + " (here " + actAs + "); the site admin allows it with act-as=USER,... on the key's line of"
                    + " the keys file");
        }
        return actAs;
    }

    private static long parseTimestamp(String header, String timestamp) {
        // Digits only (at most 12, good until the year 33658): rejects signs, spaces and fractions before parsing.
        if (timestamp.isEmpty() || timestamp.length() > 12 || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiException(ErrorCode.BAD_TIMESTAMP, header + " must be the unix time in whole seconds, like 1767225600");
        }
        return Long.parseLong(timestamp);
    }
}
