package org.allocd.portal;

import static org.allocd.portal.PortalBrowserTest.job;
import static org.allocd.portal.PortalBrowserTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account overview's chart of the last 30 days against a real daemon: it shows every charge of the days
 * (the 'money_by_day' op, read from the day totals), not the first page of the records op's lines, which holds
 * 2,000 of them; the op's days of the whole bank are the statistics' days.
 */
class AccountChartTest {
    /** One charge line each: more than one page (2,000 lines) of the transactions op. */
    private static final int JOBS = 2_050;

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theChartShowsEveryChargeOfTheDaysNotOnePageOfLines() throws Exception {
        try (DaemonFixture f = DaemonFixture.in(dir).http().start()) {
            f.seed();
            ok(f.admin("{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":100000000000,\"key\":\"d1\"}"));
            String small = "\"cpus\":1,";
            for (int id = 1; id <= JOBS; id++) {
                String j = job(id, "alice", "proj").replace("\"cpus\":16,\"mem_bytes\":300000000000,\"gpus\":1,", small);
                ok(f.hook("{\"op\":\"LIEN\"," + j + "}"));
                ok(f.hook("{\"op\":\"CHARGE\"," + j + ",\"elapsed_s\":" + (60 + id % 7) + ",\"state\":\"COMPLETED\","
                        + "\"exit_code\":0}"));
            }
            JsonNode page = ok(f.admin("{\"op\":\"transactions\",\"account\":\"proj\",\"kind\":\"charge\"}"));
            assertTrue(page.path("truncated").asBoolean(), "more charge lines than one page of the records op");

            JsonNode days = ok(f.admin("{\"op\":\"money_by_day\",\"account\":\"proj\"}"));
            assertEquals(30, days.path("rows").size(), days.toString());
            JsonNode charges = ok(f.admin("{\"op\":\"jobcharge\",\"account\":\"proj\",\"from_ms\":"
                    + days.path("from_ms").asLong() + ",\"to_ms\":" + days.path("to_ms").asLong() + "}"));
            long charged = 0;
            for (JsonNode user : charges.path("rows")) {
                charged += user.path("net_micro_su").asLong();
            }
            assertTrue(charged > 0, charges.toString());
            assertEquals(charged, days.path("charged_micro_su").asLong(), "the days add up to the figures' charges");
            long summed = 0;
            for (JsonNode day : days.path("rows")) {
                summed += day.path("charged_micro_su").asLong();
            }
            assertEquals(charged, summed);

            String session = PortalHttpTest.session(http.send(HttpRequest.newBuilder(URI.create(
                    ok(f.admin("{\"op\":\"portal\",\"user\":\"root\"}")).path("url").asText())).build(),
                    HttpResponse.BodyHandlers.discarding()).headers().firstValue("set-cookie").orElseThrow());
            String overview = page(f, "/accounts/proj", session);
            assertTrue(overview.contains("(days in UTC)"), "the page says its days are UTC");
            for (JsonNode day : days.path("rows")) {
                String bar = day.path("day").asText() + ": " + Cells.su(day.path("charged_micro_su").asLong()) + " SU";
                assertTrue(overview.contains(bar), "the chart's bar " + bar);
            }

            JsonNode bank = ok(f.admin("{\"op\":\"money_by_day\",\"days\":7}"));
            JsonNode statistics = ok(f.admin("{\"op\":\"statistics\",\"days\":7}"));
            assertEquals(bank.path("rows"), statistics.path("rows"), "the statistics' days are the op's");
            assertEquals(charged, statistics.path("top_accounts").path(0).path("charged_micro_su").asLong());
        }
    }

    private String page(DaemonFixture f, String path, String session) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.httpPort
                + path)).header("Cookie", "allocd_session=" + session).header("Accept-Language", "en").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }
}
