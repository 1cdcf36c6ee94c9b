package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.allocd.http.RequestSignature;

/** Signs requests to the HTTP API as docs/http-api.md says a client must: either scheme, with or without act-as. */
final class SignedClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String keyId;
    private final String secret;

    SignedClient(int port, String keyId, String secret) {
        this.port = port;
        this.keyId = keyId;
        this.secret = secret;
    }

    /** Adds a line to the fixture's keys file and reloads it, as an admin would with SIGHUP. */
    static void addKey(DaemonFixture f, String line) throws IOException {
        Path keys = f.dir.resolve("api-keys");
        Files.writeString(keys, Files.readString(keys) + line + "\n", StandardCharsets.UTF_8);
        assertTrue(f.reloader.reload().applied());
    }

    /** The end of every API test: verify is clean, then the daemon stops either way. */
    static void verifyAndClose(DaemonFixture f) throws IOException {
        try {
            assertTrue(f.verify().get("clean").asBoolean(), "verify is not clean: " + f.verify());
        } finally {
            f.close();
        }
    }

    /** The answer of a 200, or the test fails with the body. */
    static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** The error code of a refusal. */
    static String error(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("error").asText();
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** A GET under /v1/ signed with the X-Allocd-* headers; actAs null: as the key's own user. */
    HttpResponse<String> get(String pathWithQuery, String actAs) throws IOException, InterruptedException {
        long now = nowSeconds();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathWithQuery)).GET()
                .header("X-Allocd-Key", keyId).header("X-Allocd-Timestamp", Long.toString(now))
                .header("X-Allocd-Signature", RequestSignature.sign(secret, "GET", pathWithQuery, now, new byte[0], actAs));
        return send(actAs == null ? request : request.header("act-as", actAs));
    }

    /** A POST under /v1/ with a JSON body; idempotencyKey or actAs null: without that header. */
    HttpResponse<String> post(String pathWithQuery, String body, String idempotencyKey, String actAs)
            throws IOException, InterruptedException {
        return post(pathWithQuery, body.getBytes(StandardCharsets.UTF_8), idempotencyKey, actAs, nowSeconds());
    }

    HttpResponse<String> post(String pathWithQuery, byte[] body, String idempotencyKey, String actAs, long atSeconds)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathWithQuery))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json")
                .header("X-Allocd-Key", keyId).header("X-Allocd-Timestamp", Long.toString(atSeconds))
                .header("X-Allocd-Signature", RequestSignature.sign(secret, "POST", pathWithQuery, atSeconds, body, actAs));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(actAs == null ? request : request.header("act-as", actAs));
    }

    /** A GET under /api/ signed with the req-* headers over PATH|TS (and |ACT_AS). */
    HttpResponse<String> apiGet(String pathWithQuery, String actAs, long atSeconds)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathWithQuery)).GET()
                .header("req-api-key", keyId).header("req-at", Long.toString(atSeconds))
                .header("req-signature", RequestSignature.signPath(secret, pathWithQuery, atSeconds, actAs));
        return send(actAs == null ? request : request.header("act-as", actAs));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String pathWithQuery) {
        return URI.create("http://127.0.0.1:" + port + pathWithQuery);
    }
}
