package org.allocd.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.daemon.DaemonFixture;
import org.allocd.ledger.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal's identity and form rules over real HTTP against a real daemon: login links (good, reused,
 * expired), the session cookie's flags, logout, the trusted proxy header (from the proxy and from elsewhere),
 * and forms without or with a wrong CSRF token, which change nothing.
 */
class PortalHttpTest {
    /** The trusted proxy of these tests: another loopback address, so 127.0.0.1 is "elsewhere". */
    static final String PROXY = "127.0.0.2";
    private static final Pattern SESSION = Pattern.compile("allocd_session=([A-Za-z0-9_-]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dir;
    DaemonFixture f;
    TestClock clock;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        clock = TestClock.ticking();
        f = DaemonFixture.in(dir).http().clock(clock).set("portal_trusted_proxies", PROXY)
                .set("portal_secure_cookie", "yes").start();
        f.seed();
        f.admin("{\"op\":\"add_membership\",\"account\":\"proj\",\"user\":\"alice\",\"key\":\"m1\"}");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aLoginLinkOpensOneSessionOnceWithStrictCookieFlags() throws Exception {
        String link = link("alice");
        assertTrue(link.startsWith("http://127.0.0.1:" + f.httpPort + "/login?token="), link);
        HttpResponse<String> first = get(link, null);
        assertEquals(303, first.statusCode(), first.body());
        assertEquals("/", first.headers().firstValue("location").orElse(""));
        String cookie = first.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("Path=/"), cookie);
        String session = session(cookie);

        HttpResponse<String> dashboard = get(base() + "/", session);
        assertEquals(200, dashboard.statusCode(), dashboard.body());
        assertTrue(dashboard.body().contains("Signed in as alice"), dashboard.body());
        assertTrue(dashboard.headers().firstValue("content-security-policy").orElse("").contains("default-src 'none'"));

        HttpResponse<String> chinese = http.send(HttpRequest.newBuilder(URI.create(base() + "/"))
                .header("Cookie", "allocd_session=" + session).header("Accept-Language", "zh-CN,zh;q=0.9").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(chinese.body().contains("<html lang=\"zh-CN\">") && chinese.body().contains("您的账户"),
                chinese.body());

        HttpResponse<String> reused = get(link, null);
        assertEquals(401, reused.statusCode());
        assertFalse(reused.headers().firstValue("set-cookie").isPresent(), "a reused link must open no session");
        assertTrue(reused.body().contains("already used"), reused.body());

        HttpResponse<String> out = post("/logout", session, "csrf=" + csrf(dashboard.body()));
        assertEquals(200, out.statusCode(), out.body());
        assertEquals(401, get(base() + "/", session).statusCode(), "the session must be closed after logout");
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        String link = link("alice");
        clock.advanceMillis(LoginLinks.VALID_MILLIS + 1);
        HttpResponse<String> late = get(link, null);
        assertEquals(401, late.statusCode());
        assertFalse(late.headers().firstValue("set-cookie").isPresent());
        assertEquals(401, get(base() + "/", null).statusCode(), "no session without a link");
    }

    @Test
    void aTrustedProxyNamesTheUserAndOtherAddressesCannot() throws Exception {
        String fromProxy = raw(PROXY, "GET / HTTP/1.1\r\nHost: x\r\nREMOTE_USER: alice\r\nConnection: close\r\n\r\n");
        assertTrue(fromProxy.startsWith("HTTP/1.1 200"), fromProxy);
        assertTrue(fromProxy.contains("Signed in as alice"), fromProxy);
        String fromElsewhere = raw("127.0.0.1",
                "GET / HTTP/1.1\r\nHost: x\r\nREMOTE_USER: root\r\nConnection: close\r\n\r\n");
        assertTrue(fromElsewhere.startsWith("HTTP/1.1 401"), fromElsewhere);
        assertFalse(fromElsewhere.contains("Signed in as"), fromElsewhere);
    }

    @Test
    void formsWithoutOrWithAWrongCsrfTokenAreRefusedAndChangeNothing() throws Exception {
        String admin = session(get(link("root"), null).headers().firstValue("set-cookie").orElseThrow());
        long entries = f.journalEntries();
        String deposit = "account=proj&amount=5&note=gift&key=k1";
        HttpResponse<String> none = post("/admin/finance/deposit", admin, deposit);
        assertEquals(403, none.statusCode(), none.body());
        assertTrue(none.body().contains("form token"), none.body());
        HttpResponse<String> wrong = post("/admin/finance/deposit", admin, deposit + "&csrf=forged");
        assertEquals(403, wrong.statusCode(), wrong.body());
        assertEquals(entries, f.journalEntries(), "a refused form changed the ledger");

        String token = csrf(get(base() + "/admin/finance", admin).body());
        HttpResponse<String> good = post("/admin/finance/deposit", admin, deposit + "&csrf=" + token);
        assertEquals(303, good.statusCode(), good.body());
        assertEquals(entries + 1, f.journalEntries());
        assertTrue(f.verify().get("clean").asBoolean());
    }

    String base() {
        return "http://127.0.0.1:" + f.httpPort;
    }

    String link(String user) throws Exception {
        ObjectNode answer = f.admin("{\"op\":\"portal\",\"user\":\"" + user + "\"}");
        assertTrue(answer.path("ok").asBoolean(), answer.toString());
        return answer.path("url").asText();
    }

    HttpResponse<String> get(String url, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (session != null) {
            request.header("Cookie", "allocd_session=" + session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String session, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Cookie", "allocd_session=" + session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String session(String setCookie) {
        Matcher m = SESSION.matcher(setCookie);
        assertTrue(m.find(), setCookie);
        return m.group(1);
    }

    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    /** One request from a chosen local address (the loopback net is all ours), answered in full. */
    String raw(String from, String request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", f.httpPort), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
