package org.allocd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.allocd.errors.ErrorCode;
import org.allocd.metrics.MetricsRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over real TCP on 127.0.0.1, driven by java.net.http.HttpClient and raw sockets. */
class HttpApiServerTest {
    static final long NOW_SECONDS = 1_767_225_600L;
    static final String ALICE_SECRET = "5f2b8c0e9a4d7163e8b1c2d3f4a59687a1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String BOB_SECRET = "0123456789abcdef0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW_SECONDS), ZoneOffset.UTC);
    private final List<String> healthProblems = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private MetricsRegistry metrics;
    private ApiKeys keys;
    private ThreadPoolExecutor routeExecutor;
    private HttpApiServer server;

    @BeforeEach
    void start() throws Exception {
        routeExecutor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4));
        startServer(HttpApiConfig.of("127.0.0.1", 0));
    }

    private void startServer(HttpApiConfig config) throws Exception {
        Path keysFile = KeysFiles.write(dir.resolve("api-keys"), "rw-------",
                "# test keys", "portal alice " + ALICE_SECRET, "ops bob " + BOB_SECRET);
        ApiRouter router = new ApiRouter()
                .get("/v1/balance", HttpApiServerTest::echo)
                .post("/v1/notes", request -> {
                    ObjectNode answer = echo(request).join().body();
                    answer.set("json", request.bodyJson());
                    return CompletableFuture.completedFuture(ApiResponse.ok(answer));
                })
                .post("/v1/raw", HttpApiServerTest::echo)
                .get("/v1/accounts/{account}/statement", HttpApiServerTest::echo)
                .get("/v1/refused", request -> {
                    throw new ApiException(ErrorCode.ACCOUNT_FROZEN, "account proj1 is frozen; ask its coordinator");
                })
                .get("/v1/broken", request -> CompletableFuture.failedFuture(new IllegalStateException("bug")))
                .get("/v1/never", request -> new CompletableFuture<>())
                .get("/v1/slow", request -> {
                    slowStarted.countDown();
                    try {
                        slowRelease.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return echo(request);
                });
        metrics = new MetricsRegistry();
        keys = ApiKeys.load(keysFile);
        server = HttpApiServer.start(config, router, keys, () -> List.copyOf(healthProblems),
                metrics, routeExecutor, clock, null);
    }

    @AfterEach
    void stop() {
        slowRelease.countDown();
        server.close();
        routeExecutor.shutdownNow();
    }

    private static CompletableFuture<ApiResponse> echo(ApiRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("principal", request.principal());
        body.put("keyId", request.keyId());
        body.put("method", request.method());
        body.put("path", request.path());
        body.set("pathParams", JSON.valueToTree(request.pathParams()));
        body.set("query", JSON.valueToTree(request.query()));
        body.put("bodyBytes", request.body().length);
        return CompletableFuture.completedFuture(ApiResponse.ok(body));
    }

    // ---- open ops paths

    @Test
    void healthzSaysOkOrWhatIsWrong() throws Exception {
        HttpResponse<String> ok = send(HttpRequest.newBuilder(uri("/healthz")).GET());
        assertEquals(200, ok.statusCode());
        assertEquals("application/json; charset=utf-8", ok.headers().firstValue("content-type").orElseThrow());
        assertEquals("{\"status\":\"ok\"}", ok.body());

        healthProblems.add("database: disk full");
        HttpResponse<String> sick = send(HttpRequest.newBuilder(uri("/healthz")).GET());
        assertEquals(503, sick.statusCode());
        assertEquals("{\"status\":\"unhealthy\",\"problems\":[\"database: disk full\"]}", sick.body());

        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/healthz")).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void metricsCountEveryRequestInPrometheusText() throws Exception {
        assertEquals(200, signed("GET", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS).statusCode());
        assertEquals(200, signed("GET", "/v1/balance?x=1", "", "portal", ALICE_SECRET, NOW_SECONDS).statusCode());
        assertEquals(401, send(HttpRequest.newBuilder(uri("/v1/balance")).GET()).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(uri("/no/such/thing")).GET()).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(uri("/healthz")).GET()).statusCode());

        HttpResponse<String> scrape = send(HttpRequest.newBuilder(uri("/metrics")).GET());

        assertEquals(200, scrape.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.headers().firstValue("content-type").orElseThrow());
        String text = scrape.body();
        assertTrue(text.contains("# TYPE allocd_http_requests_total counter\n"), text);
        assertTrue(text.contains("allocd_http_requests_total{route=\"/v1/balance\",status=\"200\"} 2\n"), text);
        assertTrue(text.contains("allocd_http_requests_total{route=\"/v1/balance\",status=\"401\"} 1\n"), text);
        assertTrue(text.contains("allocd_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n"), text);
        assertTrue(text.contains("allocd_http_requests_total{route=\"/healthz\",status=\"200\"} 1\n"), text);
        assertTrue(text.contains("# TYPE allocd_http_request_duration_seconds histogram\n"), text);
        assertTrue(text.contains("allocd_http_request_duration_seconds_bucket{route=\"/v1/balance\",le=\"+Inf\"} 3\n"), text);
        assertTrue(text.contains("allocd_http_request_duration_seconds_count{route=\"/v1/balance\"} 3\n"), text);
        assertTrue(text.contains("allocd_http_replay_cache_entries 2.0\n"), text);
        // The scrape is counted once it is answered, so the next scrape shows it.
        assertTrue(metrics.render().contains("allocd_http_requests_total{route=\"/metrics\",status=\"200\"} 1\n"));
    }

    // ---- signed requests that pass

    @Test
    void signedGetReachesItsRouteAsTheKeysUser() throws Exception {
        HttpResponse<String> response = signed("GET", "/v1/balance?account=proj1&tag=a%20b&tag=c", "", "portal", ALICE_SECRET, NOW_SECONDS);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("alice", body.get("principal").asText());
        assertEquals("portal", body.get("keyId").asText());
        assertEquals("GET", body.get("method").asText());
        assertEquals("/v1/balance", body.get("path").asText());
        assertEquals("{\"account\":[\"proj1\"],\"tag\":[\"a b\",\"c\"]}", body.get("query").toString());
        assertEquals(0, body.get("bodyBytes").asInt());
    }

    @Test
    void signedPostCarriesItsBody() throws Exception {
        HttpResponse<String> response = signed("POST", "/v1/notes", "{\"account\":\"proj1\",\"note\":\"hello\"}", "ops", BOB_SECRET, NOW_SECONDS);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("bob", body.get("principal").asText());
        assertEquals("POST", body.get("method").asText());
        assertEquals("{\"account\":\"proj1\",\"note\":\"hello\"}", body.get("json").toString());
    }

    @Test
    void pathParametersAreDecoded() throws Exception {
        HttpResponse<String> response = signed("GET", "/v1/accounts/proj%2D1/statement", "", "portal", ALICE_SECRET, NOW_SECONDS);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"account\":\"proj-1\"}", JSON.readTree(response.body()).get("pathParams").toString());
    }

    @Test
    void timestampExactlyAtTheWindowEdgeIsAccepted() throws Exception {
        assertEquals(200, signed("GET", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS - 300).statusCode());
        assertEquals(200, signed("GET", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS + 300).statusCode());
    }

    @Test
    void bodyOfExactlyTheLimitIsAccepted() throws Exception {
        String body = "x".repeat(HttpApiServer.MAX_BODY_BYTES);
        HttpResponse<String> response = signed("POST", "/v1/raw", body, "portal", ALICE_SECRET, NOW_SECONDS);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(HttpApiServer.MAX_BODY_BYTES, JSON.readTree(response.body()).get("bodyBytes").asInt());
    }

    @Test
    void reloadedKeysApplyToTheNextRequest() throws Exception {
        String carolSecret = "aaaabbbbccccddddeeeeffff0000111122223333";
        KeysFiles.write(dir.resolve("api-keys"), "rw-------", "portal2 carol " + carolSecret);
        keys.reload();

        assertEquals("carol", JSON.readTree(signed("GET", "/v1/balance", "", "portal2", carolSecret, NOW_SECONDS).body())
                .get("principal").asText());
        assertError(401, "unknown_key", signed("GET", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS));
    }

    @Test
    void aPortInUseIsReportedClearly() {
        IOException e = assertThrows(IOException.class, () -> HttpApiServer.start(HttpApiConfig.of("127.0.0.1", server.port()),
                new ApiRouter(), keys, List::of, new MetricsRegistry(), routeExecutor, clock, null));
        assertTrue(e.getMessage().startsWith("cannot listen for the HTTP API on 127.0.0.1:" + server.port()), e.getMessage());
    }

    @Test
    void configIsCheckedWhenMade() {
        assertThrows(IllegalArgumentException.class, () -> HttpApiConfig.of("", 8645));
        assertThrows(IllegalArgumentException.class, () -> HttpApiConfig.of("127.0.0.1", 70000));
        assertThrows(IllegalArgumentException.class, () -> new HttpApiConfig("127.0.0.1", 8645, 0, 1000, 1000));
        assertThrows(IllegalArgumentException.class, () -> new HttpApiConfig("127.0.0.1", 8645, 1, 0, 1000));
        assertThrows(IllegalArgumentException.class, () -> new HttpApiConfig("127.0.0.1", 8645, 1, 1000, 0));
    }

    // ---- refusals

    @Test
    void missingHeadersAreRefused() throws Exception {
        assertError(401, "missing_auth_headers", send(HttpRequest.newBuilder(uri("/v1/balance")).GET()));
        assertError(401, "missing_auth_headers", send(HttpRequest.newBuilder(uri("/v1/balance"))
                .header("X-Allocd-Key", "portal").header("X-Allocd-Timestamp", Long.toString(NOW_SECONDS)).GET()));
        assertError(401, "bad_timestamp", send(HttpRequest.newBuilder(uri("/v1/balance"))
                .header("X-Allocd-Key", "portal").header("X-Allocd-Timestamp", "-5")
                .header("X-Allocd-Signature", "00").GET()));
    }

    @Test
    void unknownKeyIsRefused() throws Exception {
        assertError(401, "unknown_key", signed("GET", "/v1/balance", "", "nobody", ALICE_SECRET, NOW_SECONDS));
    }

    @Test
    void badSignatureIsRefused() throws Exception {
        assertError(401, "bad_signature", signed("GET", "/v1/balance", "", "portal", BOB_SECRET, NOW_SECONDS));

        // Signed for one body, sent with another.
        String signature = RequestSignature.sign(ALICE_SECRET, "POST", "/v1/notes", NOW_SECONDS, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertError(401, "bad_signature", send(HttpRequest.newBuilder(uri("/v1/notes"))
                .header("X-Allocd-Key", "portal").header("X-Allocd-Timestamp", Long.toString(NOW_SECONDS))
                .header("X-Allocd-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":2}"))));

        // Signed for one query, sent with another.
        signature = RequestSignature.sign(ALICE_SECRET, "GET", "/v1/balance?account=mine", NOW_SECONDS, new byte[0]);
        assertError(401, "bad_signature", send(HttpRequest.newBuilder(uri("/v1/balance?account=theirs"))
                .header("X-Allocd-Key", "portal").header("X-Allocd-Timestamp", Long.toString(NOW_SECONDS))
                .header("X-Allocd-Signature", signature).GET()));
    }

    @Test
    void staleTimestampIsRefusedEitherWay() throws Exception {
        assertError(401, "stale_timestamp", signed("GET", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS - 301));
        assertError(401, "stale_timestamp", signed("GET", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS + 301));
    }

    @Test
    void replayIsRefused() throws Exception {
        assertEquals(200, signed("POST", "/v1/notes", "{\"n\":1}", "portal", ALICE_SECRET, NOW_SECONDS).statusCode());
        assertError(401, "replayed_request", signed("POST", "/v1/notes", "{\"n\":1}", "portal", ALICE_SECRET, NOW_SECONDS));
        // A new timestamp is a new request.
        assertEquals(200, signed("POST", "/v1/notes", "{\"n\":1}", "portal", ALICE_SECRET, NOW_SECONDS + 1).statusCode());
    }

    @Test
    void nonceMakesRepeatsDistinctAndIsNotPassedToTheRoute() throws Exception {
        assertEquals(200, signed("GET", "/v1/balance?account=p", "", "portal", ALICE_SECRET, NOW_SECONDS).statusCode());
        HttpResponse<String> again = signed("GET", "/v1/balance?account=p&nonce=7f3a", "", "portal", ALICE_SECRET, NOW_SECONDS);

        assertEquals(200, again.statusCode(), again.body());
        assertEquals("{\"account\":[\"p\"]}", JSON.readTree(again.body()).get("query").toString());
    }

    @Test
    void fullReplayCacheRefusesWith503() throws Exception {
        server.close();
        startServer(new HttpApiConfig("127.0.0.1", 0, 1, 30_000, 1));

        assertEquals(200, signed("GET", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS).statusCode());
        assertError(503, "replay_cache_full", signed("GET", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS + 1));
    }

    @Test
    void oversizedBodyIsRefusedWithJson413() throws Exception {
        String body = "x".repeat(HttpApiServer.MAX_BODY_BYTES + 1);
        assertError(413, "body_too_large", signed("POST", "/v1/raw", body, "portal", ALICE_SECRET, NOW_SECONDS));
        // The server is still fine for the next request.
        assertEquals(200, signed("GET", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS).statusCode());
        assertTrue(metrics.render().contains("allocd_http_requests_total{route=\"/v1/raw\",status=\"413\"} 1\n"));
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        assertError(404, "not_found", send(HttpRequest.newBuilder(uri("/balance")).GET()));
        assertError(404, "not_found", signed("GET", "/v1/nothing", "", "portal", ALICE_SECRET, NOW_SECONDS));
        // Under /v1/ the signature comes first, so unsigned callers learn nothing about paths.
        assertError(401, "missing_auth_headers", send(HttpRequest.newBuilder(uri("/v1/nothing")).GET()));

        HttpResponse<String> wrong = signed("POST", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS);
        assertError(405, "method_not_allowed", wrong);
        assertEquals("GET", wrong.headers().firstValue("allow").orElseThrow());
    }

    @Test
    void routeErrorsBecomeJsonErrors() throws Exception {
        assertError(409, "account_frozen", signed("GET", "/v1/refused", "", "portal", ALICE_SECRET, NOW_SECONDS));
        assertError(500, "internal", signed("GET", "/v1/broken", "", "portal", ALICE_SECRET, NOW_SECONDS));
        assertError(400, "bad_json", signed("POST", "/v1/notes", "{not json", "portal", ALICE_SECRET, NOW_SECONDS));
        assertError(400, "bad_json", signed("POST", "/v1/notes", "[1,2]", "portal", ALICE_SECRET, NOW_SECONDS));
    }

    @Test
    void routeThatNeverAnswersTimesOut() throws Exception {
        server.close();
        startServer(new HttpApiConfig("127.0.0.1", 0, 1, 50, 1000));

        assertError(503, "route_timeout", signed("GET", "/v1/never", "", "portal", ALICE_SECRET, NOW_SECONDS));
    }

    @Test
    void fullRouteExecutorAnswers503() throws Exception {
        server.close();
        routeExecutor.shutdownNow();
        routeExecutor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>());
        startServer(HttpApiConfig.of("127.0.0.1", 0));

        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                signedRequest("GET", "/v1/slow", "", "portal", ALICE_SECRET, NOW_SECONDS), HttpResponse.BodyHandlers.ofString());
        slowStarted.await();
        assertError(503, "busy", signed("GET", "/v1/balance", "", "portal", ALICE_SECRET, NOW_SECONDS));
        slowRelease.countDown();
        assertEquals(200, slow.get().statusCode());
    }

    // ---- HTTP/1.1 details, over a raw socket

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        String signature = RequestSignature.sign(ALICE_SECRET, "GET", "/v1/balance", NOW_SECONDS, new byte[0]);
        String requests = "GET /v1/balance HTTP/1.1\r\nHost: x\r\nX-Allocd-Key: portal\r\n"
                + "X-Allocd-Timestamp: " + NOW_SECONDS + "\r\nX-Allocd-Signature: " + signature + "\r\n\r\n"
                + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

        String answers = exchange(requests);

        int first = answers.indexOf("\"principal\":\"alice\"");
        int second = answers.indexOf("{\"status\":\"ok\"}");
        assertTrue(first > 0 && second > first, answers);
    }

    @Test
    void http10WithoutKeepAliveIsAnsweredAndClosed() throws Exception {
        String answer = exchange("GET /healthz HTTP/1.0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
        assertTrue(answer.endsWith("{\"status\":\"ok\"}"), answer);
    }

    @Test
    void unparseableRequestGets400AndClose() throws Exception {
        String answer = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\nbroken header line without colon\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
        assertTrue(answer.contains("\"error\":\"bad_http\""), answer);
    }

    // ---- helpers

    private URI uri(String pathWithQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathWithQuery);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signed(String method, String pathWithQuery, String body, String keyId, String secret,
                                        long timestampSeconds) throws IOException, InterruptedException {
        return client.send(signedRequest(method, pathWithQuery, body, keyId, secret, timestampSeconds), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest signedRequest(String method, String pathWithQuery, String body, String keyId, String secret,
                                      long timestampSeconds) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(uri(pathWithQuery))
                .header("X-Allocd-Key", keyId)
                .header("X-Allocd-Timestamp", Long.toString(timestampSeconds))
                .header("X-Allocd-Signature", RequestSignature.sign(secret, method, pathWithQuery, timestampSeconds, bytes))
                .header("Content-Type", "application/json")
                .method(method, bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
    }

    private static void assertError(int status, String code, HttpResponse<String> response) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(code, body.get("error").asText(), response.body());
        assertTrue(body.get("message").asText().length() > 10, response.body());
    }

    /** Writes raw bytes and reads until the server closes the connection. */
    private String exchange(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000); // a safety net against a hang, not a timing assertion
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
