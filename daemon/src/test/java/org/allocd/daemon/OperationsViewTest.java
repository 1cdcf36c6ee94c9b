package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.HashMap;
import java.util.Map;
import org.allocd.cli.Allocmgr;
import org.allocd.http.RequestSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'operations' tells each caller which admin operations are open to them, on every door. */
class OperationsViewTest {
    @TempDir
    Path dir;
    private DaemonFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new DaemonFixture(dir);
        f.seed();
        f.admin("{\"op\":\"add_membership\",\"user\":\"alice\",\"account\":\"proj\",\"key\":\"m-1\"}");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void anAdminMayCallEveryOperation() throws Exception {
        JsonNode rows = f.admin("{\"op\":\"operations\"}").get("rows");
        assertTrue(rows.size() > 40, rows.toString());
        for (JsonNode row : rows) {
            assertEquals("yes", row.get("you").asText(), row.toString());
        }
        assertEquals("admin", you(rows, "deposit", "who"));
        assertEquals("write", you(rows, "deposit", "kind"));
        assertEquals("call release_lien", you(rows, "release_lien", "allocmgr"));
    }

    @Test
    void aMemberSeesWhatIsOpenToThemOverHttp() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String path = "/v1/operations";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + f.httpPort + path)).header("X-Allocd-Key", "portal")
                .header("X-Allocd-Timestamp", Long.toString(now))
                .header("X-Allocd-Signature", RequestSignature.sign(DaemonFixture.SECRET, "GET", path, now,
                        new byte[0])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode rows = new ObjectMapper().readTree(answer.body()).get("rows");
        assertEquals("no", you(rows, "deposit", "you"));
        assertEquals("yes", you(rows, "whoami", "you"));
        assertEquals("on accounts you belong to", you(rows, "balance", "you"));
        assertEquals("no", you(rows, "statement", "you"), "alice coordinates nothing");
        assertEquals("for yourself", you(rows, "quote", "you"));
        assertEquals("for yourself", you(rows, "set_default_account", "you"));
    }

    @Test
    void allocmgrShowsThemAsATable() {
        StringWriter out = new StringWriter();
        Map<String, String> env = new HashMap<>(Map.of("ALLOCD_ADMIN_SOCKET", f.adminSocket.toString()));
        int exit = new Allocmgr(new PrintWriter(out), new PrintWriter(out), new BufferedReader(new StringReader("")),
                false, env, ZoneOffset.UTC).run("show", "operations", "format=op,you");
        assertEquals(Allocmgr.OK, exit, out.toString());
        assertTrue(out.toString().lines().anyMatch(line -> line.matches("\\s*deposit\\s+yes\\s*")), out.toString());
    }

    private static String you(JsonNode rows, String op, String field) {
        for (JsonNode row : rows) {
            if (row.get("op").asText().equals(op)) {
                return row.get(field).asText();
            }
        }
        throw new AssertionError("no row for " + op + " in " + rows);
    }
}
