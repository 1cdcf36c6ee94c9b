package org.allocd.portal;

import static org.allocd.portal.PortalBrowserTest.job;
import static org.allocd.portal.PortalBrowserTest.ok;
import static org.allocd.portal.PortalPagingTest.links;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyset pages of an account's records against a real daemon: the 'transactions' op walked with its cursors
 * over the admin socket (every line once, both ways, with and without filters; forged cursors refused), and the
 * portal's records page with its later and earlier links, filters kept, and its download carrying every line.
 */
class RecordsPagingTest {
    /** Liens of alice and bob: with the seed's lines, more than one page of the records page. */
    private static final int JOBS = RecordsPage.PAGE_ROWS + 6;
    private static final Pattern ID_CELL = Pattern.compile("<tr><td class=\"num\">([0-9,]+)</td>");

    @TempDir
    Path dir;
    DaemonFixture f;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        f = DaemonFixture.in(dir).http().start();
        f.seed();
        ok(f.admin("{\"op\":\"create_account\",\"name\":\"sub\",\"parent\":\"proj\",\"key\":\"s1\"}"));
        ok(f.admin("{\"op\":\"add_user\",\"name\":\"bob\",\"default_account\":\"sub\",\"key\":\"u1\"}"));
        ok(f.admin("{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":1000000000,\"key\":\"d1\"}"));
        ok(f.admin("{\"op\":\"transfer\",\"from\":\"proj\",\"to\":\"sub\",\"amount_micro_su\":500000000,\"key\":\"t1\"}"));
        for (int id = 1; id <= JOBS; id++) {
            String user = id % 3 == 0 ? "bob" : "alice";
            ok(f.hook("{\"op\":\"LIEN\"," + job(id, user, user.equals("bob") ? "sub" : "proj")
                    .replace("\"cpus\":16,\"mem_bytes\":300000000000,\"gpus\":1,", "\"cpus\":1,") + "}"));
        }
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theOpsCursorsWalkEveryLineOnceBothWays() throws Exception {
        for (String filters : List.of("", ",\"user\":\"bob\"", ",\"kind\":\"lien\",\"user\":\"alice\"")) {
            List<Long> whole = ids(records(filters, 2000, null));
            assertTrue(whole.size() > 20, whole.toString());
            List<Long> later = new ArrayList<>();
            JsonNode page = null;
            String cursor = null;
            for (int pages = 0; pages < 200; pages++) {
                page = records(filters, 7, cursor);
                later.addAll(ids(page));
                cursor = page.path("next_cursor").asText(null);
                if (cursor == null) {
                    break;
                }
                assertTrue(page.path("truncated").asBoolean(), "a page with a later one says it is not all of them");
            }
            assertEquals(whole, later, "forward with " + filters);

            List<Long> earlier = new ArrayList<>(ids(page));
            cursor = page.path("previous_cursor").asText(null);
            while (cursor != null) {
                JsonNode back = records(filters, 7, cursor);
                earlier.addAll(0, ids(back));
                cursor = back.path("previous_cursor").asText(null);
            }
            assertEquals(whole, earlier, "backward with " + filters);
        }
        JsonNode bobs = records(",\"user\":\"bob\"", 2000, null);
        bobs.path("rows").forEach(row -> assertEquals("bob", row.path("user").asText(), row.toString()));
        long bobsLiens = ids(bobs).size() - ids(records(",\"user\":\"bob\",\"kind\":\"admin\"", 2000, null)).size();
        assertEquals(JOBS / 3, bobsLiens, "bob's liens, in the subtree's account 'sub', beside his admin line");
    }

    @Test
    void aForgedCursorIsRefusedClearly() throws Exception {
        String jobsCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("o:12:testcluster/1/0".getBytes(StandardCharsets.UTF_8));
        String noId = Base64.getUrlEncoder().withoutPadding().encodeToString("a:".getBytes(StandardCharsets.UTF_8));
        for (String forged : List.of("not-a-cursor", jobsCursor, noId, "x".repeat(500))) {
            ObjectNode refused = f.admin("{\"op\":\"transactions\",\"account\":\"proj\",\"limit\":7,\"cursor\":\""
                    + forged + "\"}");
            assertEquals("bad_request", refused.path("error").asText(), refused.toString());
            assertTrue(refused.path("message").asText().contains("is not a page cursor of the transactions op;"
                    + " use the next_cursor or previous_cursor of an earlier answer"), refused.toString());
        }
    }

    @Test
    void recordsPageLinksLaterAndEarlierWithItsFiltersAndDownloadsEveryLine() throws Exception {
        String session = PortalHttpTest.session(http.send(HttpRequest.newBuilder(URI.create(
                ok(f.admin("{\"op\":\"portal\",\"user\":\"root\"}")).path("url").asText())).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("set-cookie").orElseThrow());
        List<Long> whole = ids(records("", 2000, null));
        String first = page("/accounts/proj/records", session, 200);
        assertEquals(whole.subList(0, RecordsPage.PAGE_ROWS), idCells(first));
        assertEquals(List.of("next"), links(first).stream().map(l -> l[1]).toList(), "the first page has no earlier one");
        assertTrue(first.getBytes(StandardCharsets.UTF_8).length < 300_000);

        String second = page(links(first).get(0)[0], session, 200);
        assertEquals(whole.subList(RecordsPage.PAGE_ROWS, whole.size()), idCells(second));
        assertTrue(second.contains("href=\"/accounts/proj/records\""), "a deep page links to the first");
        assertEquals(List.of("prev"), links(second).stream().map(l -> l[1]).toList());
        assertEquals(idCells(first), idCells(page(links(second).get(0)[0], session, 200)), "earlier: the first again");

        List<Long> liens = ids(records(",\"kind\":\"lien\"", 2000, null));
        String firstLiens = page("/accounts/proj/records?kind=lien", session, 200);
        assertEquals(liens.subList(0, RecordsPage.PAGE_ROWS), idCells(firstLiens));
        String later = links(firstLiens).get(0)[0];
        assertTrue(later.contains("kind=lien"), "the filter is kept: " + later);
        assertEquals(liens.subList(RecordsPage.PAGE_ROWS, liens.size()), idCells(page(later, session, 200)));

        String csv = page("/accounts/proj/records.csv", session, 200);
        assertEquals(whole.size() + 1, csv.lines().count(), "a header and every line, not one page of them");
        assertFalse(page("/accounts/proj/records?cursor=bad", session, 400).contains("<img"));
    }

    private JsonNode records(String filters, int limit, String cursor) throws Exception {
        return ok(f.admin("{\"op\":\"transactions\",\"account\":\"proj\",\"limit\":" + limit + filters
                + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}"));
    }

    private static List<Long> ids(JsonNode answer) {
        List<Long> ids = new ArrayList<>();
        answer.path("rows").forEach(row -> ids.add(row.path("id").asLong()));
        return ids;
    }

    private String page(String path, String session, int status) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.httpPort
                + path.replace("&amp;", "&"))).header("Cookie", "allocd_session=" + session)
                .header("Accept-Language", "en").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, answer.statusCode(), answer.body());
        return answer.body();
    }

    private static List<Long> idCells(String page) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ID_CELL.matcher(page);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1).replace(",", "")));
        }
        return ids;
    }
}
