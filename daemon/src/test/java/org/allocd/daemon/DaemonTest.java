package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.allocd.http.RequestSignature;
import org.allocd.server.FrameClient;
import org.allocd.server.NobodyClient;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The real daemon over its real sockets, on each store: the job loop, refusals that change nothing, HMAC, reload. */
@ParameterizedClass
@EnumSource(TestStore.class)
class DaemonTest {
    private static final String JOB = "\"cluster\":\"testcluster\",\"job_id\":42,\"user\":\"alice\","
            + "\"account\":\"proj\",\"partition\":\"gpu\",\"cpus\":16,\"mem_bytes\":300000000000,\"gpus\":1,"
            + "\"time_limit_s\":3600";
    private static final String QUOTE = "{\"op\":\"QUOTE\",\"user\":\"alice\",\"partition\":\"gpu\",\"gpus\":1,"
            + "\"time_limit_s\":3600}";

    @Parameter
    TestStore store;
    @TempDir
    Path dir;
    DaemonFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new DaemonFixture(dir, store);
        f.seed();
    }

    @AfterEach
    void stop() throws Exception {
        ObjectNode verify = f.admin("{\"op\":\"verify\"}");
        f.close();
        assertTrue(verify.get("clean").asBoolean(), verify.toString());
        assertFalse(Files.exists(f.hookSocket), "the hook socket is removed at stop");
    }

    @Test
    void submitStartEndIsQuotedLienedAndCharged() throws Exception {
        ObjectNode quote = f.hook(QUOTE);
        assertEquals("accept", quote.get("verdict").asText(), quote.toString());
        assertEquals("proj", quote.get("account").asText(), "no account given: the user's default");
        assertEquals(1_000_000, quote.get("amount_micro_su").asLong());

        ObjectNode lien = f.hook("{\"op\":\"LIEN\"," + JOB + "}");
        assertEquals(3_000_000, lien.get("amount_micro_su").asLong(), lien.toString());
        ObjectNode charge = f.hook("{\"op\":\"CHARGE\"," + JOB + ",\"elapsed_s\":1800,\"exit_code\":0}");
        assertEquals(1_500_000, charge.get("amount_micro_su").asLong(), charge.toString());
        ObjectNode again = f.hook("{\"op\":\"CHARGE\"," + JOB + ",\"elapsed_s\":1800,\"exit_code\":0}");
        assertTrue(again.get("replayed").asBoolean(), "a replayed epilog changes nothing");

        ObjectNode balance = f.admin("{\"op\":\"balance\",\"account\":\"proj\"}");
        assertEquals(98_500_000, balance.get("own").get("balance_micro_su").asLong());
        assertEquals(0, balance.get("own").get("open_liens_micro_su").asLong());
    }

    @Test
    void timeLimitChangeRepricesTheRunningLienFromItsRequest() throws Exception {
        f.hook("{\"op\":\"LIEN\"," + JOB.replace("\"account\":\"proj\",", "") + "}");
        ObjectNode modified = f.hook("{\"op\":\"MODIFY\",\"cluster\":\"testcluster\",\"job_id\":42,"
                + "\"time_limit_s\":7200}");
        assertEquals(6_000_000, modified.get("amount_micro_su").asLong(), "3 units x 2 h: " + modified);
        assertEquals(6_000_000, f.admin("{\"op\":\"balance\",\"account\":\"proj\"}").get("own").get("open_liens_micro_su").asLong(),
                "a LIEN without an account goes to the user's default account");
        ObjectNode pending = f.hook("{\"op\":\"MODIFY\",\"cluster\":\"testcluster\",\"job_id\":43,"
                + "\"time_limit_s\":7200}");
        assertEquals("unknown_job", pending.get("error").asText(), pending.toString());
    }

    @Test
    void shortFundsHoldAndNeverFitRejectAtSubmit() throws Exception {
        ObjectNode lien = f.hook("{\"op\":\"LIEN\"," + JOB.replace("\"time_limit_s\":3600", "\"time_limit_s\":115200") + "}");
        assertEquals(96_000_000, lien.path("amount_micro_su").asLong(), lien.toString());
        // 96 SU liened of 100: a 5 SU job fits the account but not beside the running one
        ObjectNode held = f.hook(QUOTE.replace("\"time_limit_s\":3600", "\"time_limit_s\":18000"));
        assertEquals("hold", held.get("verdict").asText(), held.toString());
        assertTrue(held.get("message").asText().startsWith("QOSGrpBillingMinutes: "));
        ObjectNode rejected = f.hook(QUOTE.replace("\"gpus\":1", "\"gpus\":8").replace("3600", "86400"));
        assertEquals("reject", rejected.get("verdict").asText());
        ObjectNode unknown = f.hook(QUOTE.replace("\"user\":\"alice\"", "\"user\":\"alice\",\"account\":\"nope\""));
        assertEquals("reject", unknown.get("verdict").asText());
        assertTrue(unknown.get("message").asText().contains("'nope' does not exist"), unknown.toString());
    }

    @Test
    void malformedAndOversizedRequestsChangeNothing() throws Exception {
        long before = f.journalEntries();
        try (FrameClient client = FrameClient.connect(f.hookSocket)) {
            assertEquals("bad_request", client.ask("{\"op\":\"LIEN\",").get("error").asText());
            assertEquals("bad_request", client.ask("{\"op\":\"LIEN\"}").get("error").asText());
            assertEquals("bad_request", client.ask("{\"op\":\"LIEN\"," + JOB.replace("\"cpus\":16", "\"cpus\":-1")
                    + "}").get("error").asText());
            assertEquals("bad_request", client.ask("{\"op\":\"LIEN\"," + JOB.replace("testcluster", "other")
                    + "}").get("error").asText());
            assertEquals("bad_request", client.ask("{\"op\":\"DROP TABLE\"}").get("error").asText());
            ObjectNode oversize = client.ask("{\"op\":\"PING\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
            assertEquals("bad_frame", oversize.get("error").asText());
            assertTrue(client.closedByServer());
        }
        try (FrameClient client = FrameClient.connect(f.adminSocket)) {
            assertEquals("invalid_argument", client.ask("{\"op\":\"deposit\",\"account\":\"x'; DROP TABLE journal;--\","
                    + "\"amount_micro_su\":5}").get("error").asText());
            assertEquals("bad_request", client.ask("{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":-5}")
                    .get("error").asText());
            assertEquals("unknown_account", client.ask("{\"op\":\"deposit\",\"account\":\"nope\","
                    + "\"amount_micro_su\":5}").get("error").asText());
        }
        assertEquals(before, f.journalEntries());
    }

    @Test
    void otherUidsAreRefusedOnTheHookSocketAndAreNotAdmins() throws Exception {
        Assumptions.assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(dir, "unix:uid")),
                "needs root to run a client as uid 65534 with setpriv");
        long before = f.journalEntries();
        // Even where the socket file lets everyone connect (a wrong socket_group), the peer check refuses.
        Files.setPosixFilePermissions(f.hookSocket, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        String hook = asNobody(f.hookSocket, "{\"op\":\"PING\"}");
        assertTrue(hook.contains("\"error\":\"forbidden\"") && hook.contains("uid 65534"), hook);
        String deposit = asNobody(f.adminSocket, "{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":5}");
        assertTrue(deposit.contains("\"error\":\"forbidden\"") && deposit.contains("needs the admin role"), deposit);
        String balance = asNobody(f.adminSocket, "{\"op\":\"balance\",\"account\":\"proj\"}");
        assertTrue(balance.contains("\"error\":\"forbidden\""), balance);
        assertEquals(before, f.journalEntries());
    }

    private String asNobody(Path socket, String json) throws Exception {
        return NobodyClient.ask(dir, socket, json);
    }

    @Test
    void signedHttpRequestsGoodBadStaleReplayed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> me = http.send(signed("portal", DaemonFixture.SECRET, "/v1/me", now), ofString());
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("alice", new ObjectMapper().readTree(me.body()).get("user").asText());

        String balancePath = "/v1/balance?account=proj";
        HttpResponse<String> balance = http.send(signed("portal", DaemonFixture.SECRET, balancePath, now), ofString());
        assertEquals(200, balance.statusCode(), balance.body());
        assertEquals(100_000_000, new ObjectMapper().readTree(balance.body()).get("subtree").get("balance_micro_su")
                .asLong());

        f.hook("{\"op\":\"LIEN\"," + JOB + "}");
        f.hook("{\"op\":\"CHARGE\"," + JOB + ",\"elapsed_s\":1800,\"exit_code\":0}");
        HttpResponse<String> statement = http.send(signed("ops", DaemonFixture.SECRET + "ff",
                "/v1/statement?account=proj&from_ms=0", now), ofString());
        assertEquals(200, statement.statusCode(), statement.body());
        var lines = new ObjectMapper().readTree(statement.body());
        assertEquals(98_500_000, lines.get("balance_micro_su").asLong(), statement.body());
        HttpResponse<String> bill = http.send(signed("ops", DaemonFixture.SECRET + "ff", "/v1/bill?account=proj&month="
                + java.time.YearMonth.now(java.time.ZoneOffset.UTC), now), ofString());
        assertEquals(200, bill.statusCode(), bill.body());
        assertEquals(98_500_000, new ObjectMapper().readTree(bill.body()).get("total").get("balance_micro_su").asLong(),
                bill.body());
        HttpResponse<String> jobs = http.send(signed("portal", DaemonFixture.SECRET, "/v1/jobs?account=proj", now),
                ofString());
        assertEquals(200, jobs.statusCode(), jobs.body());
        assertEquals("charged", new ObjectMapper().readTree(jobs.body()).get("rows").get(0).get("state").asText(),
                jobs.body());
        HttpResponse<String> badTime = http.send(signed("portal", DaemonFixture.SECRET,
                "/v1/charges?account=proj&from_ms=yesterday", now), ofString());
        assertEquals(400, badTime.statusCode(), badTime.body());

        HttpResponse<String> replay = http.send(signed("portal", DaemonFixture.SECRET, balancePath, now), ofString());
        assertEquals(401, replay.statusCode(), replay.body());
        assertTrue(replay.body().contains("replay"), replay.body());
        HttpResponse<String> stale = http.send(signed("portal", DaemonFixture.SECRET, "/v1/me", now - 301), ofString());
        assertEquals(401, stale.statusCode());
        assertTrue(stale.body().contains("stale"), stale.body());
        HttpResponse<String> bad = http.send(signed("portal", "f".repeat(32), "/v1/me", now), ofString());
        assertEquals(401, bad.statusCode());
        HttpResponse<String> unknown = http.send(signed("nobody", DaemonFixture.SECRET, "/v1/me", now), ofString());
        assertEquals(401, unknown.statusCode());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(uri("/metrics")).build(), ofString());
        assertTrue(metrics.body().contains("allocd_requests_total{socket=\"admin\",op=\"deposit\",outcome=\"ok\"} 1"),
                metrics.body());
    }

    private HttpRequest signed(String keyId, String secret, String pathWithQuery, long timestampSeconds) {
        return HttpRequest.newBuilder(uri(pathWithQuery)).header("X-Allocd-Key", keyId)
                .header("X-Allocd-Timestamp", Long.toString(timestampSeconds))
                .header("X-Allocd-Signature", RequestSignature.sign(secret, "GET", pathWithQuery, timestampSeconds,
                        new byte[0])).build();
    }

    private URI uri(String pathWithQuery) {
        return URI.create("http://127.0.0.1:" + f.httpPort + pathWithQuery);
    }

    private static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString();
    }

    @Test
    void reloadAppliesNewRatesAndKeepsTheOldOnesOnABadFile() throws Exception {
        assertEquals(1_000_000, f.hook(QUOTE).get("amount_micro_su").asLong());
        f.writeConfig("2.5");
        assertTrue(f.reloader.reload().applied());
        assertEquals(2_500_000, f.hook(QUOTE).get("amount_micro_su").asLong());
        f.writeConfig("not-a-number");
        assertFalse(f.reloader.reload().applied());
        assertEquals(2_500_000, f.hook(QUOTE).get("amount_micro_su").asLong(), "a bad file keeps the running rates");
    }
}
