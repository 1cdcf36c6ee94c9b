package org.allocd.portal;

import static org.allocd.portal.PortalBrowserTest.job;
import static org.allocd.portal.PortalBrowserTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.allocd.cli.Exports;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads longer than one page of their op, against a real daemon over real HTTP: my jobs and an account's
 * records as CSV and JSON are sent chunked, a page at a time, and each is the concatenation of the op's pages
 * (allocmgr's CSV of each page, one header; the JSON of the whole answer), byte for byte. The records as the
 * admin (alice coordinates nothing), my jobs as alice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalDownloadTest {
    /** More than one page of the op (2,000) of alice's jobs, and of proj's journal lines. */
    private static final int JOBS = 2_050;
    private static final int PAGE = 2_000;

    @TempDir
    static Path dir;
    DaemonFixture f;
    String alice;
    String root;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        f = DaemonFixture.in(dir).http().start();
        f.seed();
        ok(f.admin("{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":100000000000,\"key\":\"big\"}"));
        for (int id = 1; id <= JOBS; id++) {
            ok(f.hook("{\"op\":\"LIEN\"," + job(id, "alice", "proj").replace("\"cpus\":16,\"mem_bytes\":300000000000,"
                    + "\"gpus\":1,", "\"cpus\":1,") + "}"));
        }
        alice = session("alice");
        root = session("root");
    }

    private String session(String user) throws Exception {
        return PortalHttpTest.session(http.send(HttpRequest.newBuilder(URI.create(ok(f.admin("{\"op\":\"portal\","
                + "\"user\":\"" + user + "\"}")).path("url").asText())).build(), HttpResponse.BodyHandlers.discarding())
                .headers().firstValue("set-cookie").orElseThrow());
    }

    @AfterAll
    void stop() {
        f.close();
    }

    @Test
    void recordsDownloadsAreEveryPageOfTheOp() throws Exception {
        String op = "{\"op\":\"transactions\",\"account\":\"proj\",\"limit\":" + PAGE;
        List<JsonNode> pages = pages(op);
        HttpResponse<String> download = download("/accounts/proj/records.csv", root);
        assertEquals(allocmgrCsv(pages, "transactions", "proj", "--csv", "limit=" + PAGE), download.body());
        assertEquals(JOBS + 5, download.body().lines().count(), "a header, the four lines before the jobs and every lien");
        assertEquals(Exports.json(whole(pages)), download("/accounts/proj/records.json", root).body());
    }

    @Test
    void myJobsDownloadsAreEveryPageOfTheOp() throws Exception {
        List<JsonNode> pages = pages("{\"op\":\"jobs\",\"user\":\"alice\"");
        HttpResponse<String> download = download("/jobs.csv", alice);
        assertEquals(allocmgrCsv(pages, "show", "jobs", "user=alice", "--csv"), download.body());
        assertEquals(JOBS + 1, download.body().lines().count(), "a header and every job");
        assertEquals(Exports.json(whole(pages)), download("/jobs.json", alice).body());
    }

    /** The op's pages for the request (its text without the closing brace), walked by next_cursor. */
    private List<JsonNode> pages(String request) throws Exception {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(f.admin(request + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}"));
            pages.add(page);
            cursor = page.path("next_cursor").asText(null);
        } while (cursor != null && pages.size() < 10);
        return pages;
    }

    /** The whole answer the pages make: the first page's with every row, not truncated, no cursors. */
    private static JsonNode whole(List<JsonNode> pages) {
        ObjectNode whole = pages.get(0).deepCopy();
        pages.subList(1, pages.size()).forEach(p -> ((ArrayNode) whole.get("rows")).addAll((ArrayNode) p.get("rows")));
        return whole.put("truncated", false).putNull("next_cursor").putNull("previous_cursor");
    }

    /** allocmgr's CSV of each of the pages (the command with each page's cursor), under the first one's header. */
    private String allocmgrCsv(List<JsonNode> pages, String... command) {
        assertTrue(pages.size() > 1, "more than one page: " + pages.size());
        StringBuilder csv = new StringBuilder();
        String cursor = null;
        for (JsonNode page : pages) {
            List<String> args = new ArrayList<>(List.of(command));
            if (cursor != null) {
                args.add("cursor=" + cursor);
            }
            String text = PortalBrowserTest.allocmgr(f, args.toArray(String[]::new));
            csv.append(cursor == null ? text : text.substring(text.indexOf('\n') + 1));
            cursor = page.path("next_cursor").asText(null);
        }
        return csv.toString();
    }

    private HttpResponse<String> download(String path, String session) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.httpPort
                + path)).header("Cookie", "allocd_session=" + session).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("chunked", answer.headers().firstValue("transfer-encoding").orElse(null), "sent a page at a time");
        return answer;
    }
}
