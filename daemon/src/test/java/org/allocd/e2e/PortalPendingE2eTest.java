package org.allocd.e2e;

import static org.allocd.e2e.SlurmTestbed.await;
import static org.allocd.e2e.SlurmTestbed.unchecked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.allocd.e2e.SlurmTestbed.Run;
import org.allocd.ledger.MicroSu;
import org.allocd.portal.Html;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job pends for funds on a real slurmctld, and the member's dashboard, fetched over HTTP with the session a
 * login link opened, says why with the arithmetic: what the job needs, what the account has, how much of it the
 * running job holds and what is left; the same figures as the bank's balance and show jobs. A bed of its own.
 */
@Tag("e2e")
class PortalPendingE2eTest {
    private static final String ALICE = "e2epalice";
    private static final String ACCOUNT = "e2eportal";
    private static final Pattern SESSION = Pattern.compile("allocd_session=([A-Za-z0-9_-]+)");

    @RegisterExtension
    static final E2eBank E2E = E2eBank.on(Bed.PORTAL).withShim().configure(Bank::http).user(ALICE);

    private static Bank bank;
    private static SlurmTestbed slurm;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void up() {
        bank = E2E.bank();
        slurm = E2E.slurm();
    }

    @Test
    void theDashboardSaysWhyAJobWaitsForFundsWithTheBanksFigures() throws Exception {
        // 0.05 SU: one 2-minute one-unit job (0.033333 SU) runs, a second waits for its lien to go.
        bank.account(ACCOUNT, 50_000, ALICE);
        long running = slurm.submit(ALICE, "-A", ACCOUNT, "-t", "2", "--wrap", "sleep 60");
        slurm.awaitState(running, "RUNNING");
        await("lien of job " + running, () -> unchecked(() -> bank.liened(ACCOUNT)) == 33_333);
        Run held = slurm.sbatch(ALICE, "-A", ACCOUNT, "-t", "2", "--wrap", "true");
        assertEquals(0, held.exitCode(), held.stderr());
        String heldKey = "testcluster/" + held.stdout().trim();
        await("job " + heldKey + " pending in the jobs op", () -> unchecked(() -> pending(heldKey)) != null);

        String page = dashboard();
        JsonNode pending = pending(heldKey);
        JsonNode own = bank.admin("{\"op\":\"balance\",\"account\":\"" + ACCOUNT + "\"}").get("own");
        String reason = "waits for funds: needs " + MicroSu.format(pending.get("quote_micro_su").asLong()) + " SU; "
                + ACCOUNT + " has " + MicroSu.format(own.get("balance_micro_su").asLong()) + " SU, of which "
                + MicroSu.format(own.get("open_liens_micro_su").asLong()) + " SU are held by running jobs testcluster/"
                + running + "/0, so " + MicroSu.format(own.get("available_micro_su").asLong()) + " SU are available";
        assertEquals("waits for funds: needs 0.033333 SU; e2eportal has 0.050000 SU, of which 0.033333 SU are held"
                + " by running jobs testcluster/" + running + "/0, so 0.016667 SU are available", reason);
        assertTrue(page.contains(Html.escape(reason)), "the dashboard should say: " + reason + "\n" + page);
        assertTrue(page.contains("<tr><td>" + held.stdout().trim() + "</td><td>" + ACCOUNT + "</td><td>pending</td>"),
                "the held job's row: " + page);

        assertEquals(0, slurm.slurm("scancel", held.stdout().trim(), Long.toString(running)).exitCode());
        slurm.awaitEnd(running);
        await("charge of job " + running, () -> unchecked(() -> bank.liened(ACCOUNT)) == 0);
        bank.assertVerifyClean();
    }

    /** The held job's row as the jobs op answers alice's dashboard, or null. */
    private static JsonNode pending(String job) throws IOException {
        for (JsonNode row : bank.admin("{\"op\":\"jobs\",\"user\":\"" + ALICE + "\",\"state\":\"pending\"}").get("rows")) {
            if (row.get("job").asText().equals(job)) {
                return row;
            }
        }
        return null;
    }

    /** alice's dashboard, through the session her one-time login link opens (as allocmgr portal prints it). */
    private String dashboard() throws Exception {
        ObjectNode link = bank.admin("{\"op\":\"portal\",\"user\":\"" + ALICE + "\"}");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(link.get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode(), login.body());
        Matcher session = SESSION.matcher(login.headers().firstValue("set-cookie").orElse(""));
        assertTrue(session.find(), login.headers().toString());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bank.httpPort() + "/")).header("Cookie", "allocd_session=" + session.group(1))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        return page.body();
    }
}
