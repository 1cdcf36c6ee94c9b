package org.allocd.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.allocd.cli.Allocmgr;
import org.allocd.daemon.DaemonFixture;
import org.allocd.ledger.MicroSu;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The portal in a real browser (Debian's chromium through chromium-driver) against a real daemon whose data was
 * made through real operations: each role's pages, hostile text, URL editing, a coordinator lowering a member's
 * limit, downloads against allocmgr's output, and the Chinese pages. Screenshots go to target/portal-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserTest {
    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String SCRIPT = "\"><script>alert(2)</script>";

    @TempDir
    static Path dir;
    DaemonFixture f;
    Browser browser;

    @BeforeAll
    void start() throws Exception {
        Browser.assumeInstalled();
        f = DaemonFixture.in(dir.resolve("allocd")).http().start();
        seedAccounts(f, "Physics department", SCRIPT);
        ok(f.hook("{\"op\":\"LIEN\"," + job(101, "alice", "proj") + "}"));
        ok(f.hook("{\"op\":\"LIEN\"," + job(102, "alice", "proj") + "}"));
        ok(f.hook("{\"op\":\"CHARGE\"," + job(102, "alice", "proj") + ",\"elapsed_s\":1800,\"exit_code\":0}"));
        ok(f.hook("{\"op\":\"LIEN\"," + job(201, "carol", "other") + "}"));
        browser = new Browser(dir.resolve("profile"));
    }

    @AfterAll
    void stop() throws Exception {
        Browser.closeAll(browser, f);
    }

    @Test
    void aMemberSeesTheirAccountsAndJobsAndNothingOfOthers() throws Exception {
        signIn("alice");
        ObjectNode balance = ok("{\"op\":\"balance\",\"account\":\"proj\"}");
        WebElement card = browser.driver.findElement(By.cssSelector("section.card[aria-label=proj]"));
        String available = MicroSu.format(balance.path("own").path("available_micro_su").asLong());
        assertTrue(card.getText().contains(available), card.getText() + " should show available " + available);
        assertTrue(card.getText().contains(IMG), "the description is shown as text: " + card.getText());
        assertTrue(cells().contains("101"), "the running job is on the dashboard, as Slurm names it: " + body());
        assertFalse(cells().contains("201"), "carol's job is not alice's: " + body());
        assertNoInjectedMarkup();
        browser.screenshot("member-dashboard-en");

        open("/jobs");
        assertTrue(cells().contains("102"), body());
        assertFalse(cells().contains("201"), body());
        browser.screenshot("member-jobs-en");

        for (String path : List.of("/accounts/other", "/accounts/other/records", "/accounts/other/bill",
                "/jobs?account=other", "/admin", "/admin/journal", "/accounts/other/records.csv")) {
            HttpResponse<String> refused = fetch(path);
            assertEquals(403, refused.statusCode(), path + ": " + refused.body());
            assertFalse(refused.body().contains("secret other project"), path + " leaked: " + refused.body());
            assertFalse(refused.body().contains("50.000000"), path + " leaked other's money: " + refused.body());
            assertFalse(refused.body().contains(">201<"), path + " leaked carol's job: " + refused.body());
        }
        open("/accounts/other");
        assertTrue(body().contains("Not allowed"), body());
    }

    @Test
    void aCoordinatorLowersAMembersLimitAndTheirNextQuoteIsRefused() throws Exception {
        signIn("alice");
        open("/quote?account=proj&partition=gpu&cpus=16&gpus=1&time=1:00:00");
        assertTrue(body().contains("Could it start now?"), body());
        String before = browser.driver.findElement(By.cssSelector("section.card")).getText();
        assertTrue(before.contains("yes"), before);

        signIn("bob");
        open("/accounts/proj");
        browser.screenshot("coordinator-account-en");
        WebElement form = browser.driver.findElement(By.cssSelector("form[action='/accounts/proj/members']"));
        form.findElement(By.name("user")).sendKeys("alice");
        form.findElement(By.name("limit")).sendKeys("0.5");
        form.findElement(By.cssSelector("button")).click();
        waitFor(() -> body().contains("Saved."));
        assertTrue(body().contains("0.500000"), "the members table shows the new limit: " + body());
        ObjectNode membership = ok("{\"op\":\"memberships\",\"account\":\"proj\",\"user\":\"alice\"}");
        assertEquals(500_000, membership.path("rows").get(0).path("limit_micro_su").asLong(), membership.toString());

        signIn("alice");
        open("/quote?account=proj&partition=gpu&cpus=16&gpus=1&time=1:00:00");
        String after = browser.driver.findElement(By.cssSelector("section.card")).getText();
        assertTrue(after.contains("no"), after);
        assertTrue(after.contains("of 0.500000 SU") && after.contains("limit"), "the refusal names the limit: " + after);
        browser.screenshot("member-quote-refused-en");
    }

    @Test
    void downloadsAreWhatAllocmgrPrints() throws Exception {
        signIn("alice");
        // Finished jobs only: a running job's run seconds grow between two asks.
        assertEquals(allocmgr("show", "jobs", "user=alice", "state=charged", "--csv"),
                fetch("/jobs.csv?state=charged").body());
        signIn("bob");
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        assertEquals(allocmgr("bill", "physics", "month=" + month, "--csv"),
                fetch("/accounts/physics/bill.csv?month=" + month).body());
        // The month so far ends now: to_ms is the moment each was asked, everything else is the same.
        assertEquals(untilNow(allocmgr("bill", "physics", "month=" + month, "--json")),
                untilNow(fetch("/accounts/physics/bill.json?month=" + month).body()));
        assertEquals(allocmgr("transactions", "proj", "--csv"), fetch("/accounts/proj/records.csv").body());
        open("/accounts/physics/bill?month=" + month);
        browser.screenshot("coordinator-bill-en");
    }

    @Test
    void anAdminFreezesAnAccountAndReadsHostileNotesAsText() throws Exception {
        signIn("root");
        open("/admin");
        assertTrue(body().contains(IMG), body());
        assertNoInjectedMarkup();
        WebElement form = browser.driver.findElement(By.cssSelector("form[action='/admin/state']"));
        form.findElement(By.name("account")).sendKeys("other");
        form.findElement(By.cssSelector("select[name=state] option[value=frozen]")).click();
        form.findElement(By.cssSelector("button")).click();
        waitFor(() -> body().contains("Saved."));
        assertEquals("frozen", ok("{\"op\":\"balance\",\"account\":\"other\"}").path("state").asText());
        browser.screenshot("admin-accounts-en");

        open("/admin/finance");
        WebElement deposit = browser.driver.findElement(By.cssSelector("form[action='/admin/finance/deposit']"));
        deposit.findElement(By.name("account")).sendKeys("proj");
        deposit.findElement(By.name("amount")).sendKeys("12.5");
        deposit.findElement(By.name("note")).sendKeys(IMG);
        deposit.findElement(By.cssSelector("button")).click();
        waitFor(() -> body().contains("Saved."));
        open("/admin/journal?account=proj");
        assertTrue(body().contains(SCRIPT), body());
        assertTrue(body().contains(IMG), body());
        assertTrue(body().contains("12.500000"), body());
        assertNoInjectedMarkup();
        browser.screenshot("admin-journal-en");
    }

    @Test
    void theLanguageSwitchShowsSimplifiedChinese() throws Exception {
        signIn("alice");
        open("/lang?to=zh-CN");
        assertEquals("zh-CN", browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertTrue(body().contains("您的账户"), body());
        assertTrue(body().contains("可用（SU）"), body());
        browser.screenshot("member-dashboard-zh");
        open("/lang?to=en");
        assertTrue(body().contains("Your accounts"), body());
    }

    /** No injected element exists and no dialog opened: hostile text stayed text. */
    void assertNoInjectedMarkup() {
        assertTrue(browser.driver.findElements(By.cssSelector("img")).isEmpty(), "an <img> was injected");
        assertTrue(browser.driver.findElements(By.cssSelector("main script")).isEmpty(), "a <script> was injected");
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
    }

    void signIn(String user) throws Exception {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(ok("{\"op\":\"portal\",\"user\":\"" + user + "\"}").path("url").asText());
        assertTrue(body().contains("Signed in as " + user) || body().contains("当前用户：" + user), body());
    }

    void open(String path) {
        browser.driver.get("http://127.0.0.1:" + f.httpPort + path);
    }

    String body() {
        return browser.driver.findElement(By.tagName("body")).getText();
    }

    /** The text of each table cell of the page. */
    List<String> cells() {
        return browser.driver.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    /** The same URL with the browser's session cookie, read as bytes (downloads, and status codes). */
    HttpResponse<String> fetch(String path) throws Exception {
        String session = browser.driver.manage().getCookieNamed(Portal.SESSION_COOKIE).getValue();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.httpPort + path))
                .header("Cookie", Portal.SESSION_COOKIE + "=" + session).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String untilNow(String billJson) {
        return billJson.replaceAll("\"to_ms\" : [0-9]+", "\"to_ms\" : NOW");
    }

    String allocmgr(String... args) {
        return allocmgr(f, args);
    }

    /** allocmgr's output (it must succeed) over the daemon's admin socket, as the user running the tests. */
    static String allocmgr(DaemonFixture f, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new Allocmgr(new PrintWriter(out), new PrintWriter(err), new BufferedReader(new StringReader("")),
                false, Map.of("ALLOCD_ADMIN_SOCKET", f.adminSocket.toString()), ZoneId.systemDefault()).run(args);
        assertEquals(Allocmgr.OK, exit, String.join(" ", args) + ": " + err);
        return out.toString();
    }

    void waitFor(BooleanSupplier condition) throws InterruptedException {
        browser.waitFor(condition);
    }

    ObjectNode ok(String request) throws Exception {
        return ok(f.admin(request));
    }

    /**
     * The accounts and people both browser tests start from: physics (bob its coordinator) over proj (alice; its
     * description hostile markup), and other (carol), kept apart; each with a grant, proj's with this note.
     */
    static void seedAccounts(DaemonFixture f, String physicsDescription, String projNote) throws IOException {
        ok(f.admin("{\"op\":\"create_account\",\"name\":\"physics\""
                + (physicsDescription == null ? "" : ",\"description\":\"" + json(physicsDescription) + "\"")
                + ",\"key\":\"a1\"}"));
        ok(f.admin("{\"op\":\"create_account\",\"name\":\"proj\",\"parent\":\"physics\",\"description\":\""
                + json(IMG) + "\",\"key\":\"a2\"}"));
        ok(f.admin("{\"op\":\"create_account\",\"name\":\"other\",\"description\":\"secret other project\","
                + "\"key\":\"a3\"}"));
        for (String user : List.of("alice", "bob", "carol")) {
            ok(f.admin("{\"op\":\"add_user\",\"name\":\"" + user + "\",\"key\":\"u-" + user + "\"}"));
        }
        ok(f.admin("{\"op\":\"add_membership\",\"account\":\"proj\",\"user\":\"alice\",\"key\":\"m1\"}"));
        ok(f.admin("{\"op\":\"add_membership\",\"account\":\"physics\",\"user\":\"bob\",\"role\":\"coordinator\","
                + "\"key\":\"m2\"}"));
        ok(f.admin("{\"op\":\"add_membership\",\"account\":\"other\",\"user\":\"carol\",\"key\":\"m3\"}"));
        ok(f.admin("{\"op\":\"deposit\",\"account\":\"physics\",\"amount_micro_su\":1000000000,\"note\":\"grant\","
                + "\"key\":\"d1\"}"));
        ok(f.admin("{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":100000000,\"note\":\""
                + json(projNote) + "\",\"key\":\"d2\"}"));
        ok(f.admin("{\"op\":\"deposit\",\"account\":\"other\",\"amount_micro_su\":50000000,\"note\":\"other grant\","
                + "\"key\":\"d3\"}"));
    }

    static ObjectNode ok(ObjectNode answer) {
        assertTrue(answer.path("ok").asBoolean(), answer.toString());
        return answer;
    }

    static String job(long id, String user, String account) {
        return "\"cluster\":\"" + DaemonFixture.CLUSTER + "\",\"job_id\":" + id + ",\"user\":\"" + user
                + "\",\"account\":\"" + account + "\",\"partition\":\"gpu\",\"cpus\":16,\"mem_bytes\":300000000000,"
                + "\"gpus\":1,\"time_limit_s\":3600";
    }

    static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
