package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.allocd.http.OpenApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document the server serves: equal to docs/api/openapi.json, listing every route the server has,
 * and every operation it lists answered by the server (a signed request to it is neither 404 nor 405).
 * After a registry change, write the copy anew with -Dallocd.writeOpenApi=true and review the diff.
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOCS_COPY = Path.of("../docs/api/openapi.json");

    @TempDir
    Path dir;
    private DaemonFixture f;
    private JsonNode served;

    @BeforeEach
    void start() throws Exception {
        f = new DaemonFixture(dir);
        SignedClient anyone = new SignedClient(f.httpPort, "nobody", "");
        HttpResponse<String> document = anyone.send(HttpRequest.newBuilder(anyone.uri(OpenApi.PATH)));
        assertEquals(200, document.statusCode(), "the document is served to anyone, unsigned: " + document.body());
        served = JSON.readTree(document.body());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theDocsCopyIsWhatTheServerServes() throws Exception {
        if (Boolean.getBoolean("allocd.writeOpenApi")) {
            Files.writeString(DOCS_COPY, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n",
                    StandardCharsets.UTF_8);
        }
        assertEquals(JSON.readTree(Files.readString(DOCS_COPY)), served, DOCS_COPY.normalize()
                + " differs from what the server serves; write it anew with -Dallocd.writeOpenApi=true");
        assertEquals("3.0.3", served.get("openapi").asText());
    }

    @Test
    void everyRouteIsInTheDocumentAndEveryOperationInItIsAnswered() throws Exception {
        TreeSet<String> documented = new TreeSet<>();
        served.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        TreeSet<String> routed = new TreeSet<>();
        for (String route : HttpApi.router(null, null).routes()) {
            routed.add(route);
            if (route.startsWith("GET /v1/")) {
                routed.add("GET /api/" + route.substring("GET /v1/".length()));
            }
        }
        assertEquals(routed, documented, "the document and the router disagree");
        assertTrue(documented.contains("POST /v1/deposit") && documented.contains("GET /api/me"), documented.toString());

        SignedClient ops = new SignedClient(f.httpPort, "ops", DaemonFixture.SECRET + "ff");
        long journal = f.journalEntries();
        List<String> unanswered = new ArrayList<>();
        int i = 0;
        for (String operation : documented) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1) + "?nonce=" + i++;
            // Without the fields each op needs: answered with a bad request, nothing written.
            HttpResponse<String> answer = method.equals("POST") ? ops.post(path, "{}", "probe-" + i, null)
                    : path.startsWith("/api/") ? ops.apiGet(path, null, SignedClient.nowSeconds()) : ops.get(path, null);
            if (answer.statusCode() == 404 || answer.statusCode() == 405 || answer.statusCode() == 401) {
                unanswered.add(operation + ": " + answer.statusCode() + " " + answer.body());
            }
        }
        assertEquals(List.of(), unanswered);
        assertEquals(journal, f.journalEntries(), "a probe without fields changed the ledger");
    }

    @Test
    void eachWriteDocumentsItsBodyAndIdempotencyKey() {
        JsonNode deposit = served.get("paths").get("/v1/deposit").get("post");
        JsonNode schema = deposit.get("requestBody").get("content").get("application/json").get("schema");
        assertEquals(List.of("account", "amount_micro_su"), names(schema.get("required").elements()));
        assertEquals("integer", schema.get("properties").get("amount_micro_su").get("type").asText());
        assertTrue(deposit.get("parameters").toString().contains("IdempotencyKey"), deposit.toString());
        assertFalse(served.get("paths").has("/v1/release_lien"), "an op without an HTTP path is not published");
        for (Map.Entry<String, JsonNode> path : (Iterable<Map.Entry<String, JsonNode>>) () -> served.get("paths")
                .fields()) {
            path.getValue().forEach(operation -> assertTrue(operation.get("description").asText()
                    .contains("Who may call it"), path.getKey()));
        }
    }

    private static List<String> names(Iterator<JsonNode> elements) {
        List<String> names = new ArrayList<>();
        elements.forEachRemaining(node -> names.add(node.asText()));
        return names;
    }
}
