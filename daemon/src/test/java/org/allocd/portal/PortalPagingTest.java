package org.allocd.portal;

import static org.allocd.portal.PortalBrowserTest.job;
import static org.allocd.portal.PortalBrowserTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyset pages of jobs against a real daemon: the 'jobs' op walked with its cursors over the admin socket
 * (every job once, both ways, a forged cursor refused), and the portal's my-jobs page with its older and
 * newer links over real HTTP.
 */
class PortalPagingTest {
    private static final int JOBS = JobsPage.PAGE_ROWS + 3;
    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]+)\" rel=\"(prev|next)\"");
    /** A row's first cell (the Slurm job id), before the user's. */
    private static final Pattern JOB_CELL = Pattern.compile("<tr><td>([0-9]+)</td><td>alice</td>");

    @TempDir
    Path dir;
    DaemonFixture f;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        f = DaemonFixture.in(dir).http().start();
        f.seed();
        ok(f.admin("{\"op\":\"add_membership\",\"account\":\"proj\",\"user\":\"alice\",\"key\":\"m1\"}"));
        for (int id = 1; id <= JOBS; id++) {
            ok(f.hook("{\"op\":\"LIEN\"," + job(id, "alice", "proj").replace("\"cpus\":16,\"mem_bytes\":300000000000,"
                    + "\"gpus\":1,", "\"cpus\":1,") + "}"));
        }
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theOpsCursorsWalkEveryJobOnceBothWaysAndAForgedOneIsRefused() throws Exception {
        List<String> older = new ArrayList<>();
        String cursor = null;
        JsonNode page = null;
        for (int pages = 0; pages < 30; pages++) {
            page = jobs(cursor);
            page.path("rows").forEach(row -> older.add(row.path("job").asText()));
            cursor = page.path("next_cursor").asText(null);
            if (cursor == null) {
                break;
            }
            assertTrue(page.path("truncated").asBoolean(), "a page with an older one says it is not the whole list");
        }
        assertEquals(JOBS, older.size(), older.toString());
        assertEquals(JOBS, older.stream().distinct().count(), "a job on two pages: " + older);
        assertEquals(DaemonFixture.CLUSTER + "/" + JOBS + "/0", older.get(0), "newest first");

        List<String> newer = new ArrayList<>();
        cursor = page.path("previous_cursor").asText(null);
        while (cursor != null) {
            JsonNode back = jobs(cursor);
            List<String> rows = new ArrayList<>();
            back.path("rows").forEach(row -> rows.add(row.path("job").asText()));
            newer.addAll(0, rows);
            cursor = back.path("previous_cursor").asText(null);
        }
        assertEquals(older.subList(0, older.size() - page.path("rows").size()), newer,
                "walking back newer lists the same jobs in the same order");

        for (String forged : List.of("not-a-cursor", "bzoxMjo" /* o:12: */, "x".repeat(500))) {
            ObjectNode refused = f.admin("{\"op\":\"jobs\",\"user\":\"alice\",\"limit\":7,\"cursor\":\"" + forged + "\"}");
            assertEquals("bad_request", refused.path("error").asText(), refused.toString());
            assertTrue(refused.path("message").asText().contains("is not a page cursor of the jobs op"),
                    refused.toString());
        }
    }

    @Test
    void myJobsPageLinksToOlderAndNewerPages() throws Exception {
        String session = PortalHttpTest.session(http.send(HttpRequest.newBuilder(URI.create(
                ok(f.admin("{\"op\":\"portal\",\"user\":\"alice\"}")).path("url").asText())).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("set-cookie").orElseThrow());
        String first = page("/jobs", session, 200);
        assertEquals(JobsPage.PAGE_ROWS, jobCells(first).size());
        assertEquals(List.of("next"), links(first).stream().map(l -> l[1]).toList(), "the first page has no newer one");

        String second = page(links(first).get(0)[0], session, 200);
        assertEquals(3, jobCells(second).size(), second);
        assertFalse(jobCells(second).stream().anyMatch(jobCells(first)::contains), "a job on both pages");
        assertTrue(second.contains("href=\"/jobs\""), "a deep page links to the newest");
        assertEquals(List.of("prev"), links(second).stream().map(l -> l[1]).toList());

        assertEquals(jobCells(first), jobCells(page(links(second).get(0)[0], session, 200)), "newer: the first page again");

        String forged = page("/jobs?cursor=%3Cimg%20src%3Dx%3E", session, 400);
        assertTrue(forged.contains("is not a page cursor of the jobs op") && forged.contains("&lt;img src=x&gt;"),
                forged);
    }

    private JsonNode jobs(String cursor) throws Exception {
        return ok(f.admin("{\"op\":\"jobs\",\"user\":\"alice\",\"limit\":7"
                + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}"));
    }

    private String page(String path, String session, int status) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.httpPort
                + path.replace("&amp;", "&"))).header("Cookie", "allocd_session=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, answer.statusCode(), answer.body());
        return answer.body();
    }

    /** The page's prev and next links: href and rel. */
    static List<String[]> links(String page) {
        List<String[]> links = new ArrayList<>();
        Matcher m = LINK.matcher(page);
        while (m.find()) {
            links.add(new String[] {m.group(1), m.group(2)});
        }
        return links;
    }

    private static List<String> jobCells(String page) {
        List<String> jobs = new ArrayList<>();
        Matcher m = JOB_CELL.matcher(page);
        while (m.find()) {
            jobs.add(m.group(1));
        }
        return jobs;
    }
}
