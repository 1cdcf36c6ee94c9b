package org.allocd.portal;

import static org.allocd.portal.PortalBrowserTest.IMG;
import static org.allocd.portal.PortalBrowserTest.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.allocd.billing.BillNote;
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
 * The member pages (price table, usage by month, alert mail) and the coordinator pages (blocking a member,
 * alert thresholds, storage by fileset, usage by user and month) in a real browser against a real daemon whose
 * data was made through real operations: each figure against the op allocmgr reads, each role's reach, forms
 * with their refusals, hostile input, labels and the Chinese pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalPagesBrowserTest {
    /** 0.25 SU per GB-month. */
    static final long STORAGE_RATE_MICRO_SU = 250_000;

    @TempDir
    static Path dir;
    DaemonFixture f;
    Browser browser;
    final String month = YearMonth.now(ZoneOffset.UTC).toString();

    @BeforeAll
    void start() throws Exception {
        Browser.assumeInstalled();
        f = DaemonFixture.in(dir.resolve("allocd")).http().set("storage_rate", "0.25").start();
        PortalBrowserTest.seedAccounts(f, null, "grant");
        ok(f.hook("{\"op\":\"LIEN\"," + job(102, "alice", "proj") + "}"));
        ok(f.hook("{\"op\":\"CHARGE\"," + job(102, "alice", "proj") + ",\"elapsed_s\":1800,\"exit_code\":0}"));
        ok(f.hook("{\"op\":\"LIEN\"," + job(201, "carol", "other") + "}"));
        ok(f.hook("{\"op\":\"CHARGE\"," + job(201, "carol", "other") + ",\"elapsed_s\":900,\"exit_code\":0}"));
        ok("{\"op\":\"import_storage\",\"month\":\"" + month + "\",\"key\":\"s1\",\"uses\":["
                + "{\"line\":1,\"fileset\":\"proj_data\",\"kind\":\"group\",\"account\":\"proj\","
                + "\"max_reserved_micro_gb\":150000000},"
                + "{\"line\":2,\"fileset\":\"other_data\",\"kind\":\"group\",\"account\":\"other\","
                + "\"max_reserved_micro_gb\":7000000}]}");
        browser = new Browser(dir.resolve("profile"));
    }

    @AfterAll
    void stop() throws Exception {
        Browser.closeAll(browser, f);
    }

    @Test
    void theMembersPriceTableIsTheRateVersionInForce() throws Exception {
        signIn("alice");
        open("/prices");
        JsonNode version = ok("{\"op\":\"rates\"}").path("rows").get(0);
        JsonNode gpu = null;
        for (JsonNode partition : version.path("partitions")) {
            gpu = partition.path("partition").asText().equals("gpu") ? partition : gpu;
        }
        String body = browser.body();
        assertTrue(body.contains("Rates in force on " + DaemonFixture.CLUSTER + ": version "
                + version.path("version").asInt()), body);
        WebElement row = browser.driver.findElement(By.xpath("//table//tr[td[1]='gpu']"));
        assertTrue(row.getText().contains(MicroSu.format(gpu.path("micro_su_per_unit_hour").asLong())), row.getText());
        assertTrue(row.getText().contains("rounded up to whole units"), row.getText());
        assertTrue(body.contains("premium \u00d710"), "the QOS multiplier: " + body);
        assertLabelledAndNoInjectedMarkup();
        browser.screenshot("member-prices-en");
        open("/lang?to=zh-CN");
        open("/prices");
        assertTrue(browser.body().contains("价格表") && browser.body().contains("每单位小时 SU"), browser.body());
        browser.screenshot("member-prices-zh");
        open("/lang?to=en");
    }

    @Test
    void aMembersUsageByMonthIsTheirLineOfJobcharge() throws Exception {
        signIn("alice");
        open("/usage");
        JsonNode alice = jobcharge("proj").path("rows").get(0);
        assertEquals("alice", alice.path("user").asText());
        WebElement thisMonth = browser.driver.findElement(
                By.xpath("//section[@aria-label='Your use of proj by month']//tr[td[1]='" + month + "']"));
        assertTrue(thisMonth.getText().contains(MicroSu.format(alice.path("net_micro_su").asLong())),
                thisMonth.getText() + " should show " + alice);
        assertEquals(1, browser.driver.findElements(By.cssSelector("svg.chart")).size(), "one chart per account");
        assertFalse(browser.body().contains("carol"), browser.body());
        browser.screenshot("member-usage-en");
    }

    @Test
    void aMemberTurnsAlertMailOffAndSetsThresholdsAndBadOnesChangeNothing() throws Exception {
        signIn("alice");
        open("/notify");
        WebElement form = browser.driver.findElement(By.cssSelector("form[action='/notify']"));
        form.findElement(By.cssSelector("select[name=mail] option[value=no]")).click();
        form.findElement(By.name("thresholds")).sendKeys("80, 95");
        form.findElement(By.cssSelector("button")).click();
        browser.waitFor(() -> browser.body().contains("Saved."));
        JsonNode setting = ok("{\"op\":\"notify_settings\",\"user\":\"alice\"}").path("rows").get(0);
        assertFalse(setting.path("mail").asBoolean(), setting.toString());
        assertEquals("[80,95]", setting.path("percents").toString());
        assertTrue(browser.body().contains("80%, 95%"), browser.body());

        long entries = f.journalEntries();
        form = browser.driver.findElement(By.cssSelector("form[action='/notify']"));
        form.findElement(By.name("thresholds")).clear();
        form.findElement(By.name("thresholds")).sendKeys(IMG);
        form.findElement(By.cssSelector("button")).click();
        browser.waitFor(() -> browser.body().contains("The thresholds were not changed"));
        assertTrue(browser.body().contains(IMG), "the typed text is shown as text: " + browser.body());
        assertLabelledAndNoInjectedMarkup();
        assertEquals(entries, f.journalEntries(), "a refused form changed the ledger");
        assertEquals(setting, ok("{\"op\":\"notify_settings\",\"user\":\"alice\"}").path("rows").get(0));
        browser.screenshot("member-notify-en");
    }

    @Test
    void aCoordinatorBlocksAMemberWhoseQuoteThenNamesThemAndUnblocks() throws Exception {
        signIn("bob");
        open("/accounts/proj");
        block("alice", "yes");
        assertEquals("bob", ok("{\"op\":\"memberships\",\"account\":\"proj\",\"user\":\"alice\"}").path("rows").get(0)
                .path("blocked_by").asText());
        WebElement member = browser.driver.findElement(By.xpath("//table//tr[td[1]='alice']"));
        assertTrue(member.getText().endsWith("bob"), "the members table says who blocked her: " + member.getText());
        assertLabelledAndNoInjectedMarkup();
        browser.screenshot("coordinator-block-en");

        signIn("alice");
        open("/quote?account=proj&partition=gpu&cpus=16&gpus=1&time=1:00:00");
        String refused = browser.driver.findElement(By.cssSelector("section.card")).getText();
        assertTrue(refused.contains("alice is blocked in proj by bob, ask them"), refused);
        HttpResponse<String> selfUnblock = post("/accounts/proj/members/block", "user=alice&blocked=no");
        assertEquals(403, selfUnblock.statusCode(), "a member cannot unblock themselves: " + selfUnblock.body());

        signIn("bob");
        open("/accounts/proj");
        block("alice", "no");
        assertTrue(ok("{\"op\":\"memberships\",\"account\":\"proj\",\"user\":\"alice\"}").path("rows").get(0)
                .path("blocked_by").isNull());
        signIn("alice");
        open("/quote?account=proj&partition=gpu&cpus=16&gpus=1&time=1:00:00");
        String quoted = browser.driver.findElement(By.cssSelector("section.card")).getText();
        assertTrue(quoted.contains("yes"), quoted);
    }

    @Test
    void aCoordinatorSetsTheAccountsAlertThresholds() throws Exception {
        signIn("bob");
        open("/accounts/proj/alerts");
        WebElement form = browser.driver.findElement(By.cssSelector("form[action='/accounts/proj/alerts']"));
        form.findElement(By.name("thresholds")).sendKeys("50,90,100");
        form.findElement(By.cssSelector("button")).click();
        browser.waitFor(() -> browser.body().contains("Saved."));
        assertEquals("[50,90,100]", ok("{\"op\":\"alert_thresholds\",\"account\":\"proj\"}").path("rows").get(0)
                .path("percents").toString());
        assertTrue(browser.body().contains("50%, 90%, 100%"), browser.body());
        long entries = f.journalEntries();
        form = browser.driver.findElement(By.cssSelector("form[action='/accounts/proj/alerts']"));
        form.findElement(By.name("thresholds")).clear();
        form.findElement(By.name("thresholds")).sendKeys("50,lots");
        form.findElement(By.cssSelector("button")).click();
        browser.waitFor(() -> browser.body().contains("'lots' is not a whole percentage"));
        assertEquals(entries, f.journalEntries());
        assertLabelledAndNoInjectedMarkup();
        browser.screenshot("coordinator-alerts-en");
    }

    @Test
    void aCoordinatorSeesStorageByFilesetAndUsageByUserFromTheBankOwnFigures() throws Exception {
        signIn("bob");
        open("/accounts/physics/storage?month=" + month);
        JsonNode line = null;
        for (JsonNode l : ok("{\"op\":\"bill\",\"account\":\"physics\",\"month\":\"" + month + "\"}").path("lines")) {
            line = l.path("meter").asText().equals("storage") ? l : line;
        }
        WebElement fileset = browser.driver.findElement(By.xpath("//table//tr[td[2]='proj_data']"));
        assertTrue(fileset.getText().contains(MicroSu.format(line.path("amount_micro_su").asLong())), fileset.getText());
        assertTrue(fileset.getText().contains("max 150 GB"), fileset.getText());
        assertFalse(browser.body().contains("other_data"), "another account's fileset: " + browser.body());
        browser.screenshot("coordinator-storage-en");

        open("/accounts/physics/usage");
        JsonNode alice = jobcharge("physics").path("rows").get(0);
        WebElement row = browser.driver.findElement(By.xpath("//table//tr[th='alice']"));
        assertTrue(row.getText().endsWith(MicroSu.format(alice.path("net_micro_su").asLong())),
                "this month is the last column: " + row.getText() + " vs " + alice);
        assertEquals(1, browser.driver.findElements(By.cssSelector("svg.chart")).size(), "one chart per user");
        assertLabelledAndNoInjectedMarkup();
        browser.screenshot("coordinator-usage-en");
        open("/lang?to=zh-CN");
        open("/accounts/physics/usage");
        assertTrue(browser.body().contains("physics 按用户和月份的用量"), browser.body());
        open("/lang?to=en");
    }

    @Test
    void aMemberEditingTheUrlGetsNothingOfAnotherAccount() throws Exception {
        signIn("alice");
        for (String path : List.of("/accounts/other/usage", "/accounts/other/storage", "/accounts/other/alerts",
                "/accounts/proj/storage")) {
            HttpResponse<String> refused = fetch(path);
            assertEquals(403, refused.statusCode(), path + ": " + refused.body());
            assertFalse(refused.body().contains("secret other project"), path + " leaked: " + refused.body());
            assertFalse(refused.body().contains("other_data"), path + " leaked a fileset: " + refused.body());
            assertFalse(refused.body().contains("carol"), path + " leaked a member: " + refused.body());
        }
        long entries = f.journalEntries();
        assertEquals(403, post("/accounts/proj/alerts", "thresholds=1").statusCode());
        assertEquals(403, post("/accounts/other/members/block", "user=carol&blocked=yes").statusCode());
        assertEquals(entries, f.journalEntries(), "a refused form changed the ledger");
    }

    private void block(String user, String blocked) throws InterruptedException {
        WebElement form = browser.driver.findElement(By.cssSelector("form[action='/accounts/proj/members/block']"));
        form.findElement(By.name("user")).sendKeys(user);
        form.findElement(By.cssSelector("select[name=blocked] option[value=" + blocked + "]")).click();
        form.findElement(By.cssSelector("button")).click();
        browser.waitFor(() -> browser.body().contains("Saved."));
    }

    private JsonNode jobcharge(String account) throws Exception {
        return ok("{\"op\":\"jobcharge\",\"account\":\"" + account + "\",\"from_ms\":" + BillNote.monthStartMillis(month)
                + ",\"to_ms\":" + BillNote.monthEndMillis(month) + "}");
    }

    /** Every field a person fills in has a label, and hostile text stayed text: no element or dialog of it. */
    private void assertLabelledAndNoInjectedMarkup() {
        for (WebElement field : browser.driver.findElements(By.cssSelector("main input:not([type=hidden]), main select"))) {
            assertFalse(field.findElements(By.xpath("ancestor::label")).isEmpty(),
                    "field " + field.getAttribute("name") + " has no label");
        }
        assertTrue(browser.driver.findElements(By.cssSelector("img")).isEmpty(), "an <img> was injected");
        assertTrue(browser.driver.findElements(By.cssSelector("main script")).isEmpty(), "a <script> was injected");
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
    }

    private void signIn(String user) throws Exception {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(ok("{\"op\":\"portal\",\"user\":\"" + user + "\"}").path("url").asText());
        assertTrue(browser.body().contains("Signed in as " + user), browser.body());
    }

    private void open(String path) {
        browser.driver.get("http://127.0.0.1:" + f.httpPort + path);
    }

    /** The URL with the browser's session cookie, read as text (status codes). */
    private HttpResponse<String> fetch(String path) throws Exception {
        return HttpClient.newHttpClient().send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form posted with this session's valid CSRF token, as the page would: only the roles can refuse it. */
    private HttpResponse<String> post(String path, String form) throws Exception {
        String csrf = browser.driver.findElement(By.name("csrf")).getAttribute("value");
        return HttpClient.newHttpClient().send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&csrf=" + csrf + "&key=portal:test" + System.nanoTime()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        String session = browser.driver.manage().getCookieNamed(Portal.SESSION_COOKIE).getValue();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.httpPort + path))
                .header("Cookie", Portal.SESSION_COOKIE + "=" + session);
    }

    private ObjectNode ok(String request) throws Exception {
        return ok(f.admin(request));
    }

    private static ObjectNode ok(ObjectNode answer) {
        return PortalBrowserTest.ok(answer);
    }
}
