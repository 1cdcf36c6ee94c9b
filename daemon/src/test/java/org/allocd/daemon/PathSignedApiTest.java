package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.allocd.http.RequestSignature;
import static org.allocd.daemon.SignedClient.error;
import static org.allocd.daemon.SignedClient.ok;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OAsis portal's scheme under /api/: req-at, req-api-key and req-signature over PATH|TS. Its Python
 * example, typed again with the standard library only, gets /api/me unchanged; the scheme serves GETs only,
 * and every check it makes refuses with a clear error and changes nothing.
 */
class PathSignedApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The portal documentation's example, as a user would copy it: only the three settings come from argv. */
    private static final String OASIS_EXAMPLE = """
            import hashlib
            import hmac
            import json
            import sys
            import time
            import urllib.request

            API_URL, API_KEY, API_SECRET = sys.argv[1], sys.argv[2], sys.argv[3]

            def api_get(path):
                ts = str(int(time.time()))
                signature = hmac.new(API_SECRET.encode(), f"{path}|{ts}".encode(), hashlib.sha256).hexdigest()
                request = urllib.request.Request(API_URL + path, headers={
                    "req-at": ts,
                    "req-api-key": API_KEY,
                    "req-signature": signature,
                })
                with urllib.request.urlopen(request) as response:
                    return json.loads(response.read())

            print(json.dumps(api_get("/api/me")))
            """;

    @TempDir
    Path dir;
    private DaemonFixture f;
    private SignedClient portal;

    @BeforeEach
    void start() throws Exception {
        f = DaemonFixture.in(dir).http().start();
        SignedClient.addKey(f, "oasis carol " + DaemonFixture.SECRET + "cc act-as=alice");
        f.seed();
        portal = new SignedClient(f.httpPort, "portal", DaemonFixture.SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        SignedClient.verifyAndClose(f);
    }

    @Test
    void thePortalsPythonExampleGetsApiMe() throws Exception {
        Path script = dir.resolve("oasis_example.py");
        Files.writeString(script, OASIS_EXAMPLE);
        Process python = new ProcessBuilder("python3", script.toString(), "http://127.0.0.1:" + f.httpPort, "portal",
                DaemonFixture.SECRET).redirectErrorStream(true).start();
        assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, python.exitValue(), out);
        JsonNode me = JSON.readTree(out);
        assertEquals("alice", me.get("user").asText(), out);
        assertEquals(false, me.get("admin").asBoolean(), out);
    }

    @Test
    void theReadsOfV1AnswerUnderApiWithTheSameFigures() throws Exception {
        long now = SignedClient.nowSeconds();
        JsonNode viaApi = ok(portal.apiGet("/api/balance?account=proj", null, now));
        JsonNode viaV1 = ok(portal.get("/v1/balance?account=proj", null));
        // The same figures, made a moment apart: only "to" (now) may differ.
        ((com.fasterxml.jackson.databind.node.ObjectNode) viaV1.get("own")).remove("to_ms");
        ((com.fasterxml.jackson.databind.node.ObjectNode) viaApi.get("own")).remove("to_ms");
        assertEquals(viaV1.get("own"), viaApi.get("own"));
        assertEquals(100_000_000, viaApi.get("own").get("balance_micro_su").asLong());
        assertEquals("alice", ok(new SignedClient(f.httpPort, "oasis", DaemonFixture.SECRET + "cc")
                .apiGet("/api/me", "alice", now)).get("user").asText());
        JsonNode operations = ok(portal.apiGet("/api/operations", null, now));
        assertTrue(operations.get("rows").size() > 10, operations.toString());
    }

    @Test
    void everyCheckRefusesWithAClearErrorAndNothingChanges() throws Exception {
        long journal = f.journalEntries();
        long now = SignedClient.nowSeconds();
        ok(portal.apiGet("/api/me", null, now));
        HttpResponse<String> replay = portal.apiGet("/api/me", null, now);
        assertEquals(401, replay.statusCode());
        assertEquals("replayed_request", error(replay));

        HttpResponse<String> old = portal.apiGet("/api/me?x=1", null, now - 301);
        assertEquals(401, old.statusCode());
        assertEquals("stale_timestamp", error(old));
        assertTrue(old.body().contains("req-at"), old.body());

        HttpResponse<String> forged = new SignedClient(f.httpPort, "portal", "e".repeat(32)).apiGet("/api/me?x=2", null,
                now);
        assertEquals(401, forged.statusCode());
        assertEquals("bad_signature", error(forged));
        assertTrue(forged.body().contains("PATH_WITH_QUERY|TIMESTAMP"), forged.body());

        HttpResponse<String> bare = portal.send(HttpRequest.newBuilder(portal.uri("/api/me")));
        assertEquals(401, bare.statusCode());
        assertEquals("missing_auth_headers", error(bare));

        // Signed for act-as alice, sent for act-as bob: the header is covered by the signature.
        HttpResponse<String> edited = portal.send(HttpRequest.newBuilder(portal.uri("/api/me?x=3"))
                .header("req-api-key", "oasis").header("req-at", Long.toString(now))
                .header("req-signature", RequestSignature.signPath(DaemonFixture.SECRET + "cc", "/api/me?x=3", now, "alice"))
                .header("act-as", "bob"));
        assertEquals(401, edited.statusCode());
        HttpResponse<String> notAllowed = portal.apiGet("/api/me?x=4", "bob", now);
        assertEquals(403, notAllowed.statusCode());
        assertEquals("forbidden", error(notAllowed));

        // The scheme signs no body, so no write is taken through it.
        byte[] body = "{\"account\":\"proj\",\"amount_micro_su\":1}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> write = portal.send(HttpRequest.newBuilder(portal.uri("/api/deposit"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("req-api-key", "ops")
                .header("req-at", Long.toString(now)).header("Idempotency-Key", "w1")
                .header("req-signature", RequestSignature.signPath(DaemonFixture.SECRET + "ff", "/api/deposit", now, null)));
        assertEquals(405, write.statusCode(), write.body());
        assertTrue(write.body().contains("GET only"), write.body());
        HttpResponse<String> writeAsGet = portal.apiGet("/api/deposit", null, now);
        assertEquals(405, writeAsGet.statusCode(), writeAsGet.body());
        assertTrue(writeAsGet.body().contains("send it as POST /v1/deposit"), writeAsGet.body());
        HttpResponse<String> nowhere = portal.apiGet("/api/nosuch", null, now);
        assertEquals(404, nowhere.statusCode(), nowhere.body());

        assertEquals(journal, f.journalEntries(), "a refused request changed the ledger");
    }
}
