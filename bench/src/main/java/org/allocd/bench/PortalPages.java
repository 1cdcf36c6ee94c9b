package org.allocd.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.cli.AdminClient;

/**
 * Portal pages at scale (P7), against a running daemon on the ScaleStore ledger with its HTTP listener on:
 * each page fetched over HTTP with a signed-in session as a browser would (one request, the whole body read),
 * RUNS times after WARMUP untimed fetches, and its median, p95 and max printed with its size and the daemon's
 * CPU per fetch. The person is user00, coordinator of 'big' (a million jobs) and its heaviest user; the
 * statistics page is the admin's (the user running this, as allocd.conf names it). The deep page of my jobs
 * is DEEP_JOBS jobs down, and the deep page of big's records DEEP_JOBS lines on, each cursor found through the
 * page's op as the page's own links would lead there.
 *
 * <p>Usage: PortalPages ADMIN_SOCKET HTTP_BASE DAEMON_PID ADMIN_USER RUNS [PAGES]
 * <br>PAGES: a comma-separated list of name beginnings ("my jobs,account's jobs"): only those pages are timed,
 * so a run that measures a few pages holds the machine's benchmark lock that much shorter.
 */
public final class PortalPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARMUP = 3;
    private static final int DEEP_JOBS = 20_000;
    private static final Pattern SESSION = Pattern.compile("allocd_session=([A-Za-z0-9_-]+)");
    private static final String USER = ScaleStore.user(0);

    private PortalPages() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: PortalPages ADMIN_SOCKET HTTP_BASE DAEMON_PID ADMIN_USER RUNS [PAGES]");
            System.exit(2);
        }
        AdminClient admin = new AdminClient(Path.of(args[0]), 120_000);
        String base = args[1];
        long pid = Long.parseLong(args[2]);
        int runs = Integer.parseInt(args[4]);
        List<String> chosen = args.length == 6 ? List.of(args[5].split(",")) : List.of("");
        HttpClient http = HttpClient.newHttpClient();
        String user = session(http, admin, USER);
        String root = session(http, admin, args[3]);
        String big = ScaleStore.BIG;
        String[][] pages = {
            {"dashboard", "/", user},
            {"my jobs, first page", "/jobs", user},
            {"my jobs, " + DEEP_JOBS + " jobs deep", "/jobs?cursor=" + deepCursor(admin,
                    JSON.createObjectNode().put("op", "jobs").put("user", USER)), user},
            {"account overview (big)", "/accounts/" + big, user},
            {"account's jobs (big)", "/accounts/" + big + "/jobs", user},
            {"records (big), first page", "/accounts/" + big + "/records", user},
            {"records (big), " + DEEP_JOBS + " lines deep", "/accounts/" + big + "/records?cursor=" + deepCursor(admin,
                    JSON.createObjectNode().put("op", "transactions").put("account", big)), user},
            {"statistics (30 days)", "/admin/statistics", root},
        };
        long stylesheetBytes = fetch(http, base + "/static/portal.css", user).body().length;
        System.out.printf(Locale.ROOT, "   %d fetches each after %d untimed; the stylesheet is %d bytes%n", runs, WARMUP,
                stylesheetBytes);
        for (String[] page : pages) {
            if (chosen.stream().noneMatch(page[0]::startsWith)) {
                continue;
            }
            String url = base + page[1];
            HttpResponse<byte[]> answer = null;
            for (int i = 0; i < WARMUP; i++) {
                answer = fetch(http, url, page[2]);
            }
            Latencies times = new Latencies(runs);
            long cpu0 = ScaleReports.cpuTicks(pid);
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                answer = fetch(http, url, page[2]);
                times.add(System.nanoTime() - t0);
            }
            double cpuMillis = (ScaleReports.cpuTicks(pid) - cpu0) * 1000.0 / ScaleReports.CLOCK_TICKS_PER_SECOND / runs;
            Latencies sorted = Latencies.merge(List.of(times));
            System.out.printf(Locale.ROOT, "   %-32s %3d, %7d bytes: median %5.1f ms, p95 %5.1f ms, max %5.1f ms;"
                    + " daemon CPU %5.1f ms a fetch%n", page[0], answer.statusCode(), answer.body().length,
                    sorted.at(0.50), sorted.at(0.95), sorted.at(1.0), cpuMillis);
        }
    }

    /** A session of the user, opened with a login link as 'allocmgr portal user=...' prints it. */
    private static String session(HttpClient http, AdminClient admin, String user) throws Exception {
        ObjectNode link = admin.ask(JSON.createObjectNode()
                .put("op", "portal").put("user", user));
        HttpResponse<byte[]> opened = http.send(HttpRequest.newBuilder(URI.create(link.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Matcher m = SESSION.matcher(opened.headers().firstValue("set-cookie").orElse(""));
        if (!m.find()) {
            throw new IllegalStateException("no session for " + user + ": " + link + " answered " + opened.statusCode());
        }
        return m.group(1);
    }

    /**
     * The cursor that a listing's next links reach after DEEP_JOBS rows (the op's largest pages, to get there
     * fast): my jobs (older) or an account's records (later).
     */
    private static String deepCursor(AdminClient admin, ObjectNode listing) {
        String cursor = null;
        for (int skipped = 0; skipped < DEEP_JOBS; skipped += 2_000) {
            ObjectNode request = listing.deepCopy().put("limit", 2_000);
            if (cursor != null) {
                request.put("cursor", cursor);
            }
            cursor = admin.ask(request).path("next_cursor").asText(null);
            if (cursor == null) {
                throw new IllegalStateException(listing + " has fewer than " + DEEP_JOBS + " rows");
            }
        }
        return cursor;
    }

    private static HttpResponse<byte[]> fetch(HttpClient http, String url, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", "allocd_session=" + session)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
