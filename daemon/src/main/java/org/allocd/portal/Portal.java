package org.allocd.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.allocd.access.Access;
import org.allocd.config.PortalConfig;
import org.allocd.http.PageHandler;
import org.allocd.http.PageRequest;
import org.allocd.http.PageResponse;
import org.allocd.protocol.AdminRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web portal (docs/portal.md): who is asking (session cookie from a login link, or a trusted proxy's
 * header), the CSRF check of every post, and the routes to the pages. Every figure and every change goes
 * through the operation registry as the signed-in user, so a page can show or do only what allocmgr would.
 */
public final class Portal implements PageHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Portal.class);
    static final String SESSION_COOKIE = "allocd_session";
    static final String LANG_COOKIE = "allocd_lang";
    static final String CSRF_FIELD = "csrf";
    /** Pages are read by people: two threads are plenty, and a full queue answers 503 instead of piling up. */
    private static final int THREADS = 2;
    private static final int QUEUE = 64;
    private static final Pattern COOKIE_VALUE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_FORM_FIELDS = 50;

    private final AdminRequests admin;
    private final Access access;
    private final PortalConfig config;
    private final LoginLinks links;
    private final Sessions sessions;
    private final ThreadPoolExecutor threads;
    private final Pages pages;

    public Portal(AdminRequests admin, Access access, PortalConfig config, LoginLinks links, Clock clock) {
        this.admin = admin;
        this.access = access;
        this.config = config;
        this.links = links;
        this.sessions = new Sessions(clock, TimeUnit.MINUTES.toMillis(config.idleMinutes()),
                TimeUnit.HOURS.toMillis(config.sessionHours()));
        this.threads = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), runnable -> {
                    Thread t = new Thread(runnable, "allocd-portal");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.pages = new Pages(new Downloads(threads));
    }

    @Override
    public CompletableFuture<PageResponse> handle(PageRequest request) {
        CompletableFuture<PageResponse> answer = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try {
                    PageResponse response = answer(request);
                    // Answered too late (the server timed the page out): a download's rest is never asked for.
                    if (!answer.complete(response) && response.rest() != null) {
                        response.rest().abandon();
                    }
                } catch (RuntimeException | Error e) {
                    answer.completeExceptionally(e);
                }
            });
            return answer;
        } catch (RejectedExecutionException full) {
            return CompletableFuture.completedFuture(Reply.bytes(503, "text/plain; charset=utf-8",
                    "the portal is answering as many pages as it can; try again in a moment"
                            .getBytes(StandardCharsets.UTF_8), List.of()));
        }
    }

    private PageResponse answer(PageRequest request) {
        Map<String, String> cookies = cookies(request.header("cookie").orElse(""));
        Messages m = Messages.choose(cookies.get(LANG_COOKIE), request.header("accept-language").orElse(null));
        try {
            return route(request, cookies, m);
        } catch (Refused refused) {
            if (refused.status == 403) {
                log.info("portal refused {} {}: {}", request.method(), request.path(), refused.getMessage());
            }
            return Reply.page(refused.status, Layout.problem(m, refused.status, refused.getMessage()), List.of());
        }
    }

    private PageResponse route(PageRequest request, Map<String, String> cookies, Messages m) {
        String path = request.path();
        boolean get = request.method().equals("GET") || request.method().equals("HEAD");
        if (get && path.equals(Layout.STYLESHEET)) {
            return Reply.bytes(200, "text/css; charset=utf-8", asset("portal.css"), List.of());
        }
        if (get && path.equals("/lang")) {
            String to = request.queryParam("to").filter(t -> t.equals("en") || t.equals("zh-CN")).orElse("en");
            return Reply.redirect("/", List.of(Map.entry("Set-Cookie", LANG_COOKIE + "=" + to
                    + "; Path=/; Max-Age=31536000; SameSite=Strict" + (config.secureCookie() ? "; Secure" : ""))));
        }
        if (get && path.equals("/login")) {
            return login(request, m);
        }
        Optional<Sessions.Session> found = sessions.find(cookies.get(SESSION_COOKIE));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Optional<String> proxied = proxiedUser(request);
        if (proxied.isPresent() && found.map(s -> !s.user().equals(proxied.get())).orElse(true)) {
            Sessions.Session opened = sessions.open(proxied.get());
            log.info("portal session opened for {} through the trusted proxy {}", opened.user(),
                    request.peer().getHostAddress());
            headers.add(Map.entry("Set-Cookie", sessionCookie(opened.id(), sessions.maxSeconds())));
            found = Optional.of(opened);
        }
        if (found.isEmpty()) {
            return Reply.page(401, Layout.signIn(m), List.of());
        }
        Sessions.Session session = found.get();
        Map<String, String> form = Map.of();
        if (!get) {
            if (!request.method().equals("POST")) {
                throw new Refused(405, m.t("error.method"));
            }
            form = form(request.body());
            if (!Tokens.same(session.csrfToken(), form.get(CSRF_FIELD))) {
                log.info("portal refused a {} form of {} without its valid CSRF token", path, session.user());
                throw new Refused(403, m.t("error.csrf"));
            }
            if (path.equals("/logout")) {
                sessions.close(session.id());
                log.info("portal session of {} closed at logout", session.user());
                return Reply.page(200, Layout.signedOut(m), List.of(Map.entry("Set-Cookie", sessionCookie("", 0))));
            }
        }
        Visit visit = new Visit(request, m, session, access.byName(session.user()), form, admin);
        PageResponse response = pages.answer(visit, get);
        if (headers.isEmpty()) {
            return response;
        }
        headers.addAll(response.headers());
        return new PageResponse(response.status(), response.contentType(), response.body(), headers, response.rest());
    }

    private PageResponse login(PageRequest request, Messages m) {
        Optional<String> user = links.redeem(request.queryParam("token").orElse(null));
        if (user.isEmpty()) {
            log.info("portal login link refused (unknown, used or expired) from {}", request.peer());
            return Reply.page(401, Layout.linkRefused(m), List.of());
        }
        Sessions.Session session = sessions.open(user.get());
        log.info("portal session opened for {} with a login link", user.get());
        return Reply.redirect("/", List.of(Map.entry("Set-Cookie", sessionCookie(session.id(), sessions.maxSeconds()))));
    }

    /** The user a trusted proxy names; the header is ignored from any other address. */
    private Optional<String> proxiedUser(PageRequest request) {
        InetAddress peer = request.peer();
        if (peer == null || !config.trustedProxies().contains(peer)) {
            return Optional.empty();
        }
        return request.header(config.userHeader().toLowerCase(Locale.ROOT)).map(String::strip)
                .filter(user -> !user.isEmpty());
    }

    private String sessionCookie(String value, long maxAgeSeconds) {
        return SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (config.secureCookie() ? "; Secure" : "");
    }

    private static Map<String, String> cookies(String header) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String value = part.substring(eq + 1).strip();
                if (COOKIE_VALUE.matcher(value).matches()) {
                    cookies.putIfAbsent(part.substring(0, eq).strip(), value);
                }
            }
        }
        return cookies;
    }

    /** An application/x-www-form-urlencoded body; a field sent twice keeps its first value. */
    private static Map<String, String> form(byte[] body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.isEmpty() ? new String[0] : text.split("&")) {
            if (fields.size() >= MAX_FORM_FIELDS) {
                break;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException badEscape) {
                // A broken field is dropped; the page then says which one it needs.
            }
        }
        return fields;
    }

    private static byte[] asset(String name) {
        try (InputStream in = Portal.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no portal asset " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
