package org.allocd.http;

import java.time.Clock;
import org.allocd.errors.ErrorCode;

/** Checks the three X-Allocd-* headers of a request under /v1/ (see docs/http-api.md). */
final class Authenticator {
    static final String KEY_HEADER = "X-Allocd-Key";
    static final String TIMESTAMP_HEADER = "X-Allocd-Timestamp";
    static final String SIGNATURE_HEADER = "X-Allocd-Signature";
    /** How far a request's timestamp may be from the server clock, either way. */
    static final long WINDOW_SECONDS = 300;

    private final ApiKeys keys;
    private final ReplayCache replayCache;
    private final Clock clock;

    Authenticator(ApiKeys keys, ReplayCache replayCache, Clock clock) {
        this.keys = keys;
        this.replayCache = replayCache;
        this.clock = clock;
    }

    /**
     * Returns the key that signed the request, or throws a 401 (503 when the replay
     * cache is full) whose code says which check failed.
     */
    ApiKey authenticate(String keyId, String timestamp, String signature, String method, String pathWithQuery, byte[] body) {
        if (keyId == null || timestamp == null || signature == null) {
            throw new ApiException(ErrorCode.MISSING_AUTH_HEADERS, "requests under /v1/ need the headers " + KEY_HEADER + ", "
                    + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + "; see docs/http-api.md for how to sign");
        }
        long timestampSeconds = parseTimestamp(timestamp);
        ApiKey key = keys.find(keyId).orElseThrow(() -> new ApiException(ErrorCode.UNKNOWN_KEY, "API key '" + keyId
                + "' is not in the server's keys file; check " + KEY_HEADER + " or ask the site admin for a key"));
        long nowSeconds = clock.instant().getEpochSecond();
        if (Math.abs(nowSeconds - timestampSeconds) > WINDOW_SECONDS) {
            throw new ApiException(ErrorCode.STALE_TIMESTAMP, TIMESTAMP_HEADER + " " + timestampSeconds + " is "
                    + Math.abs(nowSeconds - timestampSeconds) + " s from the server clock " + nowSeconds
                    + " (at most " + WINDOW_SECONDS + " s allowed); sign with the current unix time and keep the client clock in sync (NTP)");
        }
        String expected = RequestSignature.sign(key.secret(), method, pathWithQuery, timestampSeconds, body);
        if (!RequestSignature.same(expected, signature)) {
            throw new ApiException(ErrorCode.BAD_SIGNATURE, SIGNATURE_HEADER + " does not match; it must be the lowercase hex "
                    + "HMAC-SHA256, keyed with the secret, of METHOD\\nPATH_WITH_QUERY\\nTIMESTAMP\\nhex(sha256(body)) "
                    + "exactly as sent (here: " + method + " " + pathWithQuery + " " + timestampSeconds + ")");
        }
        ReplayCache.Outcome seen = replayCache.record(expected, timestampSeconds + WINDOW_SECONDS, nowSeconds);
        if (seen == ReplayCache.Outcome.REPLAY) {
            throw new ApiException(ErrorCode.REPLAYED_REQUEST, "this exact signed request was already received; "
                    + "sign every request anew (a new timestamp makes a new signature)");
        }
        if (seen == ReplayCache.Outcome.FULL) {
            throw new ApiException(ErrorCode.REPLAY_CACHE_FULL, "the server holds " + replayCache.maxEntries()
                    + " recent signatures, its limit; retry in a few seconds");
        }
        return key;
    }

    private static long parseTimestamp(String timestamp) {
        // Digits only (at most 12, good until the year 33658): rejects signs, spaces and fractions before parsing.
        if (timestamp.isEmpty() || timestamp.length() > 12 || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiException(ErrorCode.BAD_TIMESTAMP, TIMESTAMP_HEADER + " must be the unix time in whole seconds, like 1767225600");
        }
        return Long.parseLong(timestamp);
    }
}
