package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.allocd.daemon.Daemon;
import org.allocd.daemon.DaemonFixture;

/** A real allocd (DaemonFixture), and the real allocmgr run in-process against it. */
final class CliFixture implements AutoCloseable {
    static final ZoneId ZONE = ZoneOffset.UTC;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, String out, String err) {
        /** The JSON an allocmgr --json run printed. */
        ObjectNode json() {
            try {
                return (ObjectNode) JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
        }
    }

    final Path dir;
    final Path hookSocket;
    final Path adminSocket;
    private final DaemonFixture bank;

    CliFixture(Path dir) throws Exception {
        this(dir, Clock.systemUTC());
    }

    /** A daemon on the given clock (tests move it by hand); extraConfig "key = value" lines are global keys. */
    CliFixture(Path dir, Clock clock, String... extraConfig) throws Exception {
        DaemonFixture.Builder settings = DaemonFixture.in(dir).clock(clock);
        for (String line : extraConfig) {
            String[] keyValue = line.split("=", 2);
            settings.set(keyValue[0].strip(), keyValue[1].strip());
        }
        bank = settings.start();
        this.dir = dir;
        hookSocket = bank.hookSocket;
        adminSocket = bank.adminSocket;
    }

    Daemon daemon() {
        return bank.daemon;
    }

    /** Stops the daemon and starts a new one on the same files and clock. */
    void restart() throws Exception {
        bank.restart();
    }

    /** allocmgr with no terminal (so confirmation needs -i). */
    Result run(String... args) {
        return run(false, "", args);
    }

    /** allocmgr as if on a terminal where the admin types typed. */
    Result run(boolean terminal, String typed, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new Allocmgr(new PrintWriter(out), new PrintWriter(err), new BufferedReader(new StringReader(typed)),
                terminal, Map.of("ALLOCD_ADMIN_SOCKET", adminSocket.toString()), ZONE).run(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs and requires exit 0. */
    Result ok(String... args) {
        Result r = run(args);
        assertEquals(0, r.exit(), () -> String.join(" ", args) + "\nout: " + r.out() + "\nerr: " + r.err());
        return r;
    }

    long journalEntries() {
        return ok("--json", "verify").json().get("journal_entries").asLong();
    }

    /** A job through the hook socket as Slurm's prolog and epilog would send it: lien, then charge. */
    void job(long jobId, String user, String account, long cpus, long elapsedSeconds) {
        AdminClient hook = new AdminClient(hookSocket, 10_000);
        ObjectNode lien = hookRequest("LIEN", jobId, user, account, cpus);
        assertEquals(true, hook.ask(lien).get("ok").asBoolean(), () -> "lien of " + jobId);
        ObjectNode charge = hookRequest("CHARGE", jobId, user, account, cpus).put("elapsed_s", elapsedSeconds);
        assertEquals(true, hook.ask(charge).get("ok").asBoolean(), () -> "charge of " + jobId);
    }

    /** A running job: lien only. */
    void runningJob(long jobId, String user, String account, long cpus) {
        hook(hookRequest("LIEN", jobId, user, account, cpus));
    }

    /** Sends one hook request (as the prolog or epilog would) and requires it to succeed. */
    void hook(ObjectNode request) {
        ObjectNode answer = new AdminClient(hookSocket, 10_000).ask(request);
        assertEquals(true, answer.get("ok").asBoolean(), () -> request + " -> " + answer);
    }

    static ObjectNode hookRequest(String op, long jobId, String user, String account, long cpus) {
        return JsonNodeFactory.instance.objectNode().put("op", op).put("cluster", DaemonFixture.CLUSTER).put("job_id", jobId)
                .put("user", user).put("account", account).put("partition", "gpu").put("cpus", cpus)
                .put("time_limit_s", 3600);
    }

    void verifyClean() {
        Result r = ok("verify");
        assertEquals(true, r.out().lines().skip(2).findFirst().orElse("").startsWith("true"), r.out());
    }

    @Override
    public void close() {
        bank.close();
    }
}
