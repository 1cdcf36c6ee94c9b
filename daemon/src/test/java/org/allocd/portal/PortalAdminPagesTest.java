package org.allocd.portal;

import static org.allocd.portal.PortalBrowserTest.job;
import static org.allocd.portal.PortalBrowserTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.allocd.daemon.DaemonFixture;
import org.allocd.ledger.TestClock;
import org.allocd.ledger.MicroSu;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin's statistics and price versions pages over real HTTP against a real daemon with real charges:
 * the figures are the 'statistics' op's (what allocmgr show statistics prints), a member gets 403 and
 * nothing of them, and the Chinese page has Chinese labels.
 */
class PortalAdminPagesTest {
    @TempDir
    Path dir;
    DaemonFixture f;
    final HttpClient http = HttpClient.newHttpClient();

    final TestClock clock = TestClock.ticking();

    @BeforeEach
    void start() throws Exception {
        f = DaemonFixture.in(dir).http().clock(clock).start();
        f.seed(); // proj, 100 SU deposited today, alice
        ok(f.admin("{\"op\":\"add_membership\",\"account\":\"proj\",\"user\":\"alice\",\"key\":\"m1\"}"));
        ok(f.hook("{\"op\":\"LIEN\"," + job(1, "alice", "proj") + "}"));
        ok(f.hook("{\"op\":\"CHARGE\"," + job(1, "alice", "proj") + ",\"elapsed_s\":1800,\"exit_code\":0}"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void statisticsShowTheOpsFiguresToAdminsOnly() throws Exception {
        JsonNode stats = ok(f.admin("{\"op\":\"statistics\",\"days\":7}"));
        assertEquals(1, stats.path("accounts").asLong());
        assertEquals(1, stats.path("jobs").asLong());
        JsonNode today = stats.path("rows").get(6);
        assertEquals(LocalDate.now(ZoneId.systemDefault()).toString(), today.path("day").asText());
        assertEquals(1_500_000, today.path("charged_micro_su").asLong(), stats.toString()); // 3 units x 0.5 h
        assertEquals(100_000_000, today.path("deposited_micro_su").asLong());
        assertEquals("proj", stats.path("top_accounts").get(0).path("account").asText());
        assertEquals("alice", stats.path("top_users").get(0).path("user").asText());
        assertEquals(1_500_000, stats.path("top_users").get(0).path("charged_micro_su").asLong());

        String root = session("root");
        String page = get("/admin/statistics?days=7", root, 200, "en");
        assertTrue(page.contains("<td>" + today.path("day").asText() + "</td><td class=\"num\">"
                + MicroSu.format(1_500_000) + "</td><td class=\"num\">" + MicroSu.format(100_000_000) + "</td>"), page);
        assertTrue(page.contains("<svg") && page.contains(today.path("day").asText() + " Charged (SU): 1.500000 SU"),
                page);
        assertTrue(page.contains("<td>alice</td><td class=\"num\">1.500000</td>"), page);
        assertTrue(get("/admin/statistics?days=7", root, 200, "zh-CN").contains("这些天扣费最多的用户"));
        assertTrue(get("/admin/statistics?days=abc", root, 400, "en").contains("days=abc is not a whole number"));
        assertTrue(get("/admin/statistics?days=9999", root, 400, "en").contains("must be a whole number from 1 to 366"));

        String alice = session("alice");
        for (String path : new String[] {"/admin/statistics", "/admin/rates", "/admin/health"}) {
            String refused = get(path, alice, 403, "en");
            assertFalse(refused.contains("1.500000") || refused.contains("<svg") || refused.contains("DEBITALLWC"),
                    refused);
        }
        assertEquals("bad_request", f.admin("{\"op\":\"statistics\",\"days\":0}").path("error").asText());
    }

    @Test
    void priceVersionsAreShowRates() throws Exception {
        JsonNode rates = ok(f.admin("{\"op\":\"rates\"}")).path("rows").get(0);
        String page = get("/admin/rates", session("root"), 200, "en");
        assertTrue(page.contains("<td>" + rates.path("cluster").asText() + "</td><td class=\"num\">"
                + rates.path("version").asText() + "</td>"), page);
        assertTrue(page.contains(Html.escape(rates.path("rates").asText())), page);
        assertTrue(get("/admin/rates", session("root"), 200, "zh-CN").contains("价格版本"));
    }

    @Test
    void healthCountsLiensPastTheirTimeAndShowsTheLastVerify() throws Exception {
        ok(f.hook("{\"op\":\"LIEN\"," + job(2, "alice", "proj") + "}")); // one hour's limit
        String root = session("root");
        String before = get("/admin/health", root, 200, "en");
        assertTrue(before.contains("<dt>Open liens past their time limit and grace</dt><dd>0</dd>"), before);
        assertTrue(before.contains("<dd>not run yet</dd>"), before);
        assertTrue(before.contains("<dt>Hook events waiting in the spool</dt><dd>none</dd>"), before);
        assertTrue(before.contains("slurm not reachable ("), before);

        // Past the hour and the 5 minutes of grace (a new session: the first went idle); housekeeping has not run.
        clock.advanceMillis(3_600_000L + 301_000L);
        root = session("root");
        JsonNode health = ok(f.admin("{\"op\":\"health\"}"));
        assertEquals(1, health.path("open_liens_past_time").asLong(), health.toString());
        String form = get("/admin/health", root, 200, "en");
        String verified = post("/admin/verify", root, "csrf=" + PortalHttpTest.csrf(form));
        assertTrue(verified.contains("verify: clean"), verified);
        String after = get("/admin/health", root, 200, "en");
        assertTrue(after.contains("<dt>Open liens past their time limit and grace</dt><dd>1</dd>"), after);
        assertTrue(after.matches("(?s).*<dt>Last verify</dt><dd>[^<]+: clean</dd>.*"), after);
        assertTrue(get("/admin/health", root, 200, "zh-CN").contains("超过时限与宽限期仍未结清的预扣"));
        assertFalse(get("/admin/health", session("alice"), 403, "en").contains("Last verify"));

        JsonNode lastVerify = ok(f.admin("{\"op\":\"health\"}")).path("last_verify");
        f.restart();
        assertEquals(lastVerify, ok(f.admin("{\"op\":\"health\"}")).path("last_verify"), "kept across a restart");
    }

    private String post(String path, String session, String form) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.httpPort
                + path)).header("Cookie", "allocd_session=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private String session(String user) throws Exception {
        return PortalHttpTest.session(http.send(HttpRequest.newBuilder(URI.create(
                ok(f.admin("{\"op\":\"portal\",\"user\":\"" + user + "\"}")).path("url").asText())).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("set-cookie").orElseThrow());
    }

    private String get(String path, String session, int status, String language) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.httpPort
                + path)).header("Cookie", "allocd_session=" + session).header("Accept-Language", language).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, answer.statusCode(), answer.body());
        return answer.body();
    }
}
