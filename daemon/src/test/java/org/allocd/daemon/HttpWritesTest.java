package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import static org.allocd.daemon.SignedClient.error;
import static org.allocd.daemon.SignedClient.ok;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API's writes on a real allocd: provisioning through the registry's ops with their own role rules,
 * each keyed by Idempotency-Key; act-as for keys the keys file allows, journaled with both names; hostile
 * input refused with a clear error and nothing changed. Every test ends with verify clean.
 * Keys: ops (root), portal (alice, acts only as herself), oasis (carol, may act as alice), svc (an admin).
 */
class HttpWritesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SU_100 = "100000000";

    @TempDir
    Path dir;
    private DaemonFixture f;
    private SignedClient ops;
    private SignedClient portal;
    private SignedClient oasis;

    @BeforeEach
    void start() throws Exception {
        f = DaemonFixture.in(dir).http().set("admins", "svc").start();
        SignedClient.addKey(f, "oasis carol " + DaemonFixture.SECRET + "cc act-as=alice,dave");
        ops = new SignedClient(f.httpPort, "ops", DaemonFixture.SECRET + "ff");
        portal = new SignedClient(f.httpPort, "portal", DaemonFixture.SECRET);
        oasis = new SignedClient(f.httpPort, "oasis", DaemonFixture.SECRET + "cc");
    }

    @AfterEach
    void stop() throws Exception {
        SignedClient.verifyAndClose(f);
    }

    @Test
    void aProvisioningSystemRunsTheAccountsLifeThroughTheWrites() throws Exception {
        ok(ops.post("/v1/accounts/create", "{\"name\":\"physics\",\"description\":\"Physics dept\"}", "c1", null));
        ok(ops.post("/v1/accounts/create", "{\"name\":\"chem\",\"parent\":\"physics\"}", "c2", null));
        ok(ops.post("/v1/accounts/modify", "{\"name\":\"physics\",\"credit_limit_micro_su\":5000000}", "m1", null));
        ok(ops.post("/v1/users/add", "{\"name\":\"alice\"}", "u1", null));
        ok(ops.post("/v1/users/add", "{\"name\":\"bob\",\"uid\":4242}", "u2", null));
        ok(ops.post("/v1/memberships/add", "{\"user\":\"alice\",\"account\":\"physics\",\"role\":\"coordinator\"}",
                "ms1", null));
        ok(ops.post("/v1/memberships/add", "{\"user\":\"bob\",\"account\":\"physics\","
                + "\"limit_micro_su\":20000000}", "ms2", null));
        ok(ops.post("/v1/users/default-account", "{\"user\":\"bob\",\"account\":\"physics\"}", "d1", null));
        ok(ops.post("/v1/deposit", "{\"account\":\"physics\",\"amount_micro_su\":" + SU_100 + ",\"note\":\"grant\"}",
                "dep1", null));
        ok(ops.post("/v1/withdraw", "{\"account\":\"physics\",\"amount_micro_su\":10000000}", "w1", null));
        ok(ops.post("/v1/transfer", "{\"from\":\"physics\",\"to\":\"chem\",\"amount_micro_su\":20000000}", "t1", null));
        ok(ops.post("/v1/adjust", "{\"account\":\"physics\",\"amount_micro_su\":-1000000,\"note\":\"fix\"}", "a1", null));
        assertEquals(69_000_000, balance("physics"));
        assertEquals(20_000_000, balance("chem"));

        String job = "\"cluster\":\"testcluster\",\"job_id\":7,\"user\":\"bob\",\"account\":\"physics\","
                + "\"partition\":\"gpu\",\"gpus\":1,\"time_limit_s\":3600";
        assertTrue(f.hook("{\"op\":\"LIEN\"," + job + "}").get("ok").asBoolean());
        assertTrue(f.hook("{\"op\":\"CHARGE\"," + job + ",\"elapsed_s\":3600,\"exit_code\":0}").get("ok").asBoolean());
        assertEquals(68_000_000, balance("physics"));
        JsonNode refund = ok(ops.post("/v1/refund", "{\"job\":\"7\",\"note\":\"node failure\"}", "r1", null));
        assertEquals(1_000_000, refund.get("amount_micro_su").asLong(), refund.toString());
        assertEquals(69_000_000, balance("physics"));

        ok(ops.post("/v1/accounts/state", "{\"name\":\"chem\",\"state\":\"frozen\"}", "f1", null));
        assertEquals("frozen", get(ops, "/v1/balance?account=chem").get("state").asText());
        ObjectNode lien = f.hook("{\"op\":\"LIEN\"," + job.replace("physics", "chem").replace(":7,", ":8,") + "}");
        assertEquals("account_frozen", lien.path("error").asText(), lien.toString());
        ok(ops.post("/v1/accounts/state", "{\"name\":\"chem\",\"state\":\"active\"}", "f2", null));
        ok(ops.post("/v1/memberships/remove", "{\"user\":\"bob\",\"account\":\"physics\"}", "ms3", null));
        HttpResponse<String> notEmpty = ops.post("/v1/accounts/state", "{\"name\":\"chem\",\"state\":\"closed\"}",
                "f3", null);
        assertEquals(409, notEmpty.statusCode(), notEmpty.body());
        ok(ops.post("/v1/transfer", "{\"from\":\"chem\",\"to\":\"physics\",\"amount_micro_su\":20000000}", "t2",
                null));
        // The same body to the same path in the same second signs the same: the nonce makes it a new request.
        ok(ops.post("/v1/accounts/state?nonce=2", "{\"name\":\"chem\",\"state\":\"closed\"}", "f4", null));
        assertEquals("closed", get(ops, "/v1/balance?account=chem").get("state").asText());
    }

    @Test
    void theSameKeyAndRequestGetTheSameAnswerAnotherRequestUnderItIsRefused() throws Exception {
        ok(ops.post("/v1/accounts/create", "{\"name\":\"proj\"}", "c1", null));
        String deposit = "{\"account\":\"proj\",\"amount_micro_su\":" + SU_100 + "}";
        JsonNode first = ok(ops.post("/v1/deposit", deposit, "grant-2026", null));
        long journal = f.journalEntries();
        // A retry is signed anew (here in the same second, so with a nonce); its Idempotency-Key is the same.
        JsonNode again = ok(ops.post("/v1/deposit?nonce=retry", deposit, "grant-2026", null));
        assertEquals(first.get("amount_micro_su"), again.get("amount_micro_su"));
        assertEquals(first.get("detail"), again.get("detail"));
        assertFalse(first.get("replayed").asBoolean());
        assertTrue(again.get("replayed").asBoolean(), again.toString());

        HttpResponse<String> other = ops.post("/v1/deposit", deposit.replace(SU_100, "5000000"), "grant-2026", null);
        assertEquals(409, other.statusCode(), other.body());
        assertEquals("key_reused", error(other));
        HttpResponse<String> otherOp = ops.post("/v1/withdraw", deposit, "grant-2026", null);
        assertEquals(409, otherOp.statusCode(), otherOp.body());
        HttpResponse<String> noKey = ops.post("/v1/deposit?nonce=nokey", deposit, null, null);
        assertEquals(400, noKey.statusCode(), noKey.body());
        assertTrue(noKey.body().contains("Idempotency-Key"), noKey.body());
        assertEquals(journal, f.journalEntries(), "a refused write changed the ledger");
        assertEquals(100_000_000, balance("proj"));
    }

    @Test
    void concurrentRetriesOfOneKeyDepositOnce() throws Exception {
        ok(ops.post("/v1/accounts/create", "{\"name\":\"proj\"}", "c1", null));
        long journal = f.journalEntries();
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                // nonce: the same request signed in the same second would be refused as a replay before the ledger.
                String path = "/v1/deposit?nonce=" + i;
                Callable<HttpResponse<String>> send = () -> new SignedClient(f.httpPort, "ops",
                        DaemonFixture.SECRET + "ff").post(path, "{\"account\":\"proj\",\"amount_micro_su\":" + SU_100
                        + "}", "once", null);
                answers.add(pool.submit(send));
            }
            int applied = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                JsonNode body = ok(answer.get());
                applied += body.get("replayed").asBoolean() ? 0 : 1;
                assertEquals(100_000_000, body.get("amount_micro_su").asLong(), body.toString());
            }
            assertEquals(1, applied, "the deposit was applied more than once, or never");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(100_000_000, balance("proj"));
        assertEquals(journal + 1, f.journalEntries());
    }

    @Test
    void aKeyActsForAnotherUserOnlyWhenAllowedAndTheJournalNamesBoth() throws Exception {
        f.seed(); // proj with 100 SU, alice a user
        f.admin("{\"op\":\"add_membership\",\"user\":\"alice\",\"account\":\"proj\",\"role\":\"coordinator\","
                + "\"key\":\"s4\"}");
        f.admin("{\"op\":\"add_user\",\"name\":\"bob\",\"key\":\"s5\"}");
        long journal = f.journalEntries();

        HttpResponse<String> notAllowed = portal.post("/v1/memberships/add", "{\"user\":\"bob\",\"account\":\"proj\"}",
                "p1", "bob");
        assertEquals(403, notAllowed.statusCode(), notAllowed.body());
        assertTrue(notAllowed.body().contains("may not act for other users"), notAllowed.body());
        HttpResponse<String> notListed = oasis.get("/v1/me", "bob");
        assertEquals(403, notListed.statusCode(), notListed.body());
        assertEquals(journal, f.journalEntries());

        assertEquals("alice", get(oasis, "/v1/me", "alice").get("user").asText());
        assertEquals("carol", get(oasis, "/v1/me", null).get("user").asText());
        ok(oasis.post("/v1/memberships/add", "{\"user\":\"bob\",\"account\":\"proj\"}", "o1", "alice"));
        // alice's own rules: a coordinator, not an admin.
        HttpResponse<String> deposit = oasis.post("/v1/deposit", "{\"account\":\"proj\",\"amount_micro_su\":1}", "o2",
                "alice");
        assertEquals(403, deposit.statusCode(), deposit.body());
        HttpResponse<String> asDave = oasis.post("/v1/memberships/add", "{\"user\":\"bob\",\"account\":\"proj\","
                + "\"role\":\"coordinator\"}", "o3", "dave");
        assertEquals(403, asDave.statusCode(), asDave.body());
        assertEquals(journal + 1, f.journalEntries());

        ObjectNode lines = f.admin("{\"op\":\"transactions\",\"account\":\"proj\"}");
        List<String> actors = new ArrayList<>();
        lines.get("rows").forEach(row -> actors.add(row.get("actor").asText()));
        assertTrue(actors.contains("carol as alice"), "the journal does not name both: " + actors);
    }

    @Test
    void theActAsHeaderIsCoveredByTheSignature() throws Exception {
        f.seed();
        long at = SignedClient.nowSeconds();
        byte[] body = "{\"user\":\"alice\",\"account\":\"proj\",\"role\":\"coordinator\"}".getBytes(StandardCharsets.UTF_8);
        // Signed to act as dave, sent as alice: an attacker's edit in transit.
        var request = java.net.http.HttpRequest.newBuilder(ops.uri("/v1/memberships/add"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Allocd-Key", "oasis").header("X-Allocd-Timestamp", Long.toString(at))
                .header("X-Allocd-Signature", org.allocd.http.RequestSignature.sign(DaemonFixture.SECRET + "cc", "POST",
                        "/v1/memberships/add", at, body, "dave"))
                .header("Idempotency-Key", "x1").header("act-as", "alice");
        long journal = f.journalEntries();
        HttpResponse<String> edited = oasis.send(request);
        assertEquals(401, edited.statusCode(), edited.body());
        assertEquals("bad_signature", error(edited));
        assertEquals(journal, f.journalEntries());
    }

    @Test
    void hostileInputIsRefusedWithAClearErrorAndChangesNothing() throws Exception {
        f.seed();
        long journal = f.journalEntries();
        SignedClient forged = new SignedClient(f.httpPort, "ops", "f".repeat(34));
        HttpResponse<String> badSignature = forged.post("/v1/deposit", "{\"account\":\"proj\",\"amount_micro_su\":1}",
                "h1", null);
        assertEquals(401, badSignature.statusCode());
        assertEquals("bad_signature", error(badSignature));

        HttpResponse<String> old = ops.post("/v1/deposit", "{\"account\":\"proj\",\"amount_micro_su\":1}"
                .getBytes(StandardCharsets.UTF_8), "h2", null, SignedClient.nowSeconds() - 600);
        assertEquals(401, old.statusCode());
        assertEquals("stale_timestamp", error(old));

        byte[] huge = ("{\"account\":\"proj\",\"amount_micro_su\":1,\"note\":\"" + "x".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> oversized = ops.post("/v1/deposit", huge, "h3", null, SignedClient.nowSeconds());
        assertEquals(413, oversized.statusCode());
        assertEquals("body_too_large", error(oversized));

        HttpResponse<String> unknown = ops.post("/v1/deposit", "{\"account\":\"nosuch\",\"amount_micro_su\":1}", "h4",
                null);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("unknown_account", error(unknown));
        assertTrue(message(unknown).contains("nosuch"), unknown.body());

        HttpResponse<String> script = ops.post("/v1/accounts/create", "{\"name\":\"<script>alert(1)</script>\"}", "h5",
                null);
        assertEquals(400, script.statusCode(), script.body());
        assertEquals("invalid_argument", error(script));
        assertTrue(message(script).contains("letters, digits"), script.body());
        HttpResponse<String> scriptUser = ops.post("/v1/users/add", "{\"name\":\"<script>\"}", "h6", null);
        assertEquals(400, scriptUser.statusCode(), scriptUser.body());

        HttpResponse<String> notJson = ops.post("/v1/deposit", "account=proj", "h7", null);
        assertEquals(400, notJson.statusCode());
        assertEquals("bad_json", error(notJson));
        HttpResponse<String> opInBody = ops.post("/v1/deposit", "{\"op\":\"withdraw\",\"account\":\"proj\","
                + "\"amount_micro_su\":1}", "h8", null);
        assertEquals(400, opInBody.statusCode(), opInBody.body());
        HttpResponse<String> misspelt = ops.post("/v1/deposit", "{\"account\":\"proj\",\"amount_micro_su\":1,"
                + "\"notes\":\"x\"}", "h11", null);
        assertEquals(400, misspelt.statusCode(), misspelt.body());
        assertTrue(message(misspelt).contains("field 'notes' is not one deposit takes"), misspelt.body());
        HttpResponse<String> negative = ops.post("/v1/deposit", "{\"account\":\"proj\",\"amount_micro_su\":-5}", "h9",
                null);
        assertEquals(400, negative.statusCode(), negative.body());
        HttpResponse<String> badKey = ops.post("/v1/deposit", "{\"account\":\"proj\",\"amount_micro_su\":1}",
                "no spaces allowed", null);
        assertEquals(400, badKey.statusCode(), badKey.body());
        HttpResponse<String> member = portal.post("/v1/deposit", "{\"account\":\"proj\",\"amount_micro_su\":1}", "h10",
                null);
        assertEquals(403, member.statusCode(), member.body());
        assertTrue(message(member).contains("needs the admin role"), member.body());

        assertEquals(journal, f.journalEntries(), "refused input changed the ledger");
        assertEquals(100_000_000, balance("proj"));
    }

    private long balance(String account) throws Exception {
        return get(ops, "/v1/balance?account=" + account).get("own")
                .get("balance_micro_su").asLong();
    }

    private static JsonNode get(SignedClient client, String pathWithQuery) throws Exception {
        return get(client, pathWithQuery, null);
    }

    /** A read, made unique with a nonce: tests read the same thing twice within a second. */
    private static JsonNode get(SignedClient client, String pathWithQuery, String actAs) throws Exception {
        return ok(client.get(pathWithQuery + (pathWithQuery.contains("?") ? "&" : "?") + "nonce=" + System.nanoTime(),
                actAs));
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("message").asText();
    }
}
