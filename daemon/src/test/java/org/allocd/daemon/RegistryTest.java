package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allocd.cli.Allocmgr;
import org.allocd.http.RequestSignature;
import org.allocd.metrics.TextFormatCheck;
import org.allocd.protocol.Op;
import org.allocd.protocol.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of the registry has each of its parts, checked on a real allocd: a handler its door
 * reaches, a rule, a metrics label of its own, allocmgr help, and its HTTP route where it has one.
 */
class RegistryTest {
    @TempDir
    Path dir;
    private DaemonFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new DaemonFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void everyOperationHasItsHandlerRuleMetricsLabelHelpAndRoute() throws Exception {
        long journal = f.journalEntries();
        HttpClient http = HttpClient.newHttpClient();
        long now = System.currentTimeMillis() / 1000;
        List<Op> ops = Registry.all();
        for (Op op : ops) {
            assertFalse(op.summary().isBlank(), op.name() + " has no summary");
            assertFalse(op.rule().describe().isBlank(), op.name() + " has no rule");
            assertTrue(op.shape() != null && op.shape().answer() != null, op.name() + " has no request and answer fields");
            assertTrue(op.door() == Op.Door.HOOK ? op.handler() instanceof Op.Hook
                    : op.effect() == Op.Effect.READ ? op.handler() instanceof Op.Read : op.handler() instanceof Op.Write,
                    op.name() + ": its handler is not of its door's and effect's shape");
            // Only the op: each one that takes fields refuses for the missing one, so nothing changes.
            String request = "{\"op\":\"" + op.name() + "\"}";
            ObjectNode answer = op.door() == Op.Door.HOOK ? f.hook(request) : f.admin(request);
            assertFalse(answer.path("message").asText().contains("unknown op"), op.name() + ": " + answer);
            assertNotEquals("internal", answer.path("error").asText(), op.name() + ": " + answer);
            if (op.httpPath() != null) {
                HttpResponse<String> routed = http.send(signed(op.httpMethod(), op.httpPath() + "?nonce=" + op.name(), now),
                        HttpResponse.BodyHandlers.ofString());
                assertNotEquals(404, routed.statusCode(), op.httpPath() + " is not routed: " + routed.body());
                assertNotEquals(405, routed.statusCode(), op.httpPath() + " is not routed for " + op.httpMethod());
                assertFalse(routed.body().contains("\"not_found\""), routed.body());
            }
            if (op.door() == Op.Door.ADMIN) {
                // picocli wraps help lines, so compare with whitespace runs made one space.
                String help = allocmgr(op.verb() == null ? List.of("call") : List.of(op.verb().split(" ")))
                        .replaceAll("\\s+", " ");
                assertTrue(help.contains(" " + op.name() + " " + op.summary().replaceAll("\\s+", " ")),
                        op.name() + " is missing from the help of allocmgr " + op.verb() + ":\n" + help);
            }
        }
        String metrics = http.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertEquals(List.of(), TextFormatCheck.problems(metrics), metrics);
        for (Op op : ops) {
            assertTrue(metrics.contains("allocd_requests_total{socket=\"" + op.door().label() + "\",op=\"" + op.name()
                    + "\""), op.name() + " has no metrics label of its own:\n" + metrics);
        }
        assertEquals(journal, f.journalEntries(), "requests without their fields changed the ledger");
        assertTrue(f.admin("{\"op\":\"verify\"}").get("clean").asBoolean());
    }

    @Test
    void anOpNoRegistryEntryNamesIsRefusedAndCountedAsOther() throws Exception {
        ObjectNode answer = f.admin("{\"op\":\"drop_table\"}");
        assertEquals("bad_request", answer.path("error").asText(), answer.toString());
        assertTrue(answer.path("message").asText().contains("unknown op 'drop_table'"), answer.toString());
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("allocd_requests_total{socket=\"admin\",op=\"other\",outcome=\"bad_request\"} 1"),
                metrics);
    }

    private String allocmgr(List<String> verb) {
        StringWriter out = new StringWriter();
        List<String> args = new ArrayList<>(verb);
        args.add("--help");
        int exit = new Allocmgr(new PrintWriter(out), new PrintWriter(out), new BufferedReader(new StringReader("")),
                false, Map.of("ALLOCD_ADMIN_SOCKET", f.adminSocket.toString()), ZoneOffset.UTC)
                .run(args.toArray(String[]::new));
        assertEquals(Allocmgr.OK, exit, String.join(" ", verb) + " --help: " + out);
        return out.toString();
    }

    /** A write is POSTed an empty object: refused for its missing fields, so nothing changes. */
    private HttpRequest signed(String method, String pathWithQuery, long timestampSeconds) {
        byte[] body = method.equals("GET") ? new byte[0] : "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(uri(pathWithQuery)).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Allocd-Key", "ops").header("X-Allocd-Timestamp", Long.toString(timestampSeconds))
                .header("Idempotency-Key", "registry-test")
                .header("X-Allocd-Signature", RequestSignature.sign(DaemonFixture.SECRET + "ff", method, pathWithQuery,
                        timestampSeconds, body)).build();
    }

    private URI uri(String pathWithQuery) {
        return URI.create("http://127.0.0.1:" + f.httpPort + pathWithQuery);
    }
}
