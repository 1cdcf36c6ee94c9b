package org.allocd.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.allocd.cli.AdminClient;

/**
 * Reports at scale, against a running daemon on the ScaleStore ledger: the time of each report over
 * the account with a million jobs, as allocmgr asks for it over the admin socket (connect, request,
 * whole answer read and parsed). Each report runs RUNS times; the first run is printed apart (cold
 * caches), then the median and the worst of the rest, and the daemon's CPU time per run, which
 * a busy machine does not inflate the way it does wall time. The daemon's RSS is read from /proc after.
 *
 * <p>Usage: ScaleReports ADMIN_SOCKET DAEMON_PID RUNS
 */
public final class ScaleReports {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DAY_MILLIS = 24L * 3600 * 1000;
    /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    private ScaleReports() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ScaleReports ADMIN_SOCKET DAEMON_PID RUNS");
            System.exit(2);
        }
        AdminClient client = new AdminClient(Path.of(args[0]), 120_000);
        long pid = Long.parseLong(args[1]);
        int runs = Integer.parseInt(args[2]);
        String big = ScaleStore.BIG;
        long monthStartMillis = System.currentTimeMillis() - 61 * DAY_MILLIS;
        String month = ",\"from_ms\":" + monthStartMillis + ",\"to_ms\":" + (monthStartMillis + 30 * DAY_MILLIS);
        String[][] reports = {
            {"statement, all time", "{\"op\":\"statement\",\"account\":\"" + big + "\"}"},
            {"statement, one month", "{\"op\":\"statement\",\"account\":\"" + big + "\"" + month + "}"},
            {"jobcharge, all time", "{\"op\":\"jobcharge\",\"account\":\"" + big + "\"}"},
            {"jobcharge, one month", "{\"op\":\"jobcharge\",\"account\":\"" + big + "\"" + month + "}"},
            {"balances", "{\"op\":\"balances\",\"account\":\"" + big + "\"}"},
            {"show jobs account=big", "{\"op\":\"jobs\",\"account\":\"" + big + "\"}"},
            {"show jobs, all accounts (admin)", "{\"op\":\"jobs\"}"},
            {"show jobs user=user07", "{\"op\":\"jobs\",\"account\":\"" + big + "\",\"user\":\"user07\"}"},
            {"transactions account=big", "{\"op\":\"transactions\",\"account\":\"" + big + "\"}"},
        };
        for (String[] report : reports) {
            ObjectNode request = (ObjectNode) JSON.readTree(report[1]);
            double[] ms = new double[runs];
            ObjectNode answer = null;
            long cpu0 = cpuTicks(pid);
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                answer = client.ask(request.deepCopy());
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double cpuMillis = (cpuTicks(pid) - cpu0) * 1000.0 / CLOCK_TICKS_PER_SECOND / runs;
            double[] warm = Arrays.copyOfRange(ms, Math.min(1, runs - 1), runs);
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "   %-26s first %5.0f ms, then median %5.0f ms, max %5.0f ms;"
                    + " daemon CPU %4.0f ms per run  %s%n", report[0], ms[0], warm[warm.length / 2],
                    warm[warm.length - 1], cpuMillis, summary(answer));
        }
        System.out.println("   daemon memory after the reports: " + memory(pid));
    }

    /** What came back, in a few words, so a wrong answer is seen next to its time. */
    private static String summary(ObjectNode answer) {
        if (!answer.path("ok").asBoolean()) {
            return "REFUSED: " + answer.path("error").asText() + " " + answer.path("message").asText();
        }
        if (answer.has("rows") && !"jobcharge".equals(answer.path("op").asText(""))
                && !answer.has("from_ms")) {
            return answer.get("rows").size() + " rows" + (answer.path("truncated").asBoolean() ? ", truncated" : "");
        }
        var byUser = answer.has("rows") ? answer.get("rows") : answer.path("charges_by_user");
        long jobs = 0;
        long chargedMicroSu = 0;
        for (var u : byUser) {
            jobs += u.path("jobs").asLong();
            chargedMicroSu += u.path("charged_micro_su").asLong();
        }
        return "charged " + chargedMicroSu / 1_000_000 + " SU, " + jobs + " jobs of " + byUser.size() + " users";
    }

    /** The process's user + system CPU time so far, in clock ticks (/proc/PID/stat fields 14 and 15). */
    static long cpuTicks(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** VmRSS and VmHWM (peak RSS) of the process. */
    static String memory(long pid) throws java.io.IOException {
        String rss = "?";
        String peak = "?";
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).trim();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).trim();
            }
        }
        return "RSS " + rss + ", peak RSS " + peak;
    }
}
