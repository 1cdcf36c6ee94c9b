package org.allocd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.allocd.cli.Allocmgr;
import org.allocd.daemon.DaemonFixture;
import org.allocd.ledger.TestClock;
import org.allocd.reliability.WireClient;

/**
 * allocd itself (the daemon's own start code, its sockets, a SQLite ledger in the test
 * directory), stopped and started again on the same files; and, in its place, a socket that
 * accepts and never answers, the worst case for the hooks' timeout.
 */
final class Bank implements AutoCloseable {
    /** Partition debug: 1 unit = 1 GPU, 2 GiB or 1 core, so each of the three can be the largest. */
    static final long MEM_PER_UNIT_BYTES = 2L << 30;

    final Path dir;
    final Path hookSocket;
    final Path adminSocket;
    private final DaemonFixture.Builder settings;
    private final AtomicLong keys = new AtomicLong();
    private DaemonFixture daemon;
    private final TestClock clock = TestClock.ticking();
    private ServerSocketChannel silent;
    private final List<SocketChannel> silentPeers = new ArrayList<>();

    /** A bank beside the bed: its ledger, allocd.conf and spool under the bed's directory. */
    static Bank on(SlurmTestbed slurm) throws IOException {
        return new Bank(slurm.dir.resolve("allocd"), slurm.dir.resolve("spool"), slurm);
    }

    /** Stops the bed, then the bank (its hooks talk to the bank to the last job); either may be null. */
    static void closeAll(SlurmTestbed slurm, Bank bank) throws IOException {
        if (slurm != null) {
            slurm.close();
        }
        if (bank != null) {
            bank.close();
        }
    }

    Bank(Path dir, Path spool, SlurmTestbed slurm) throws IOException {
        this.dir = dir;
        settings = DaemonFixture.in(dir).clock(clock).set("spool_dir", spool).set("slurm_conf", slurm.slurmConf)
                .set("slurm_bin_dir", slurm.binDir)
                .set("hook_timeout_ms", 200).set("hook_fail_policy", "open").set("charge_reservations", true)
                .rates("[partition debug]", "mem_per_unit = " + MEM_PER_UNIT_BYTES, "cpus_per_unit = 1",
                        "rounding = ceil");
        hookSocket = settings.hookSocket;
        adminSocket = settings.adminSocket;
        settings.write();
    }

    /** Changes allocd.conf (before start), e.g. node classes and the partitions that price them. */
    void configure(UnaryOperator<DaemonFixture.Builder> change) throws IOException {
        change.apply(settings).write();
    }

    /** Turns the HTTP listener (the portal, the API) on at a free loopback port; before start. */
    void http() throws IOException {
        settings.http().write();
    }

    int httpPort() {
        return daemon.httpPort;
    }

    /** Where the bank's allocd.conf is: the hooks read it too. */
    static Path configFile(Path dir) {
        return dir.resolve("allocd.conf");
    }

    /** One allocd.conf for allocd and the hooks; the plugin reads a new fail policy when slurmctld restarts. */
    void writeConfig(String failPolicy) throws IOException {
        settings.set("hook_fail_policy", failPolicy).write();
    }

    void start() throws Exception {
        daemon = settings.start();
    }

    /** Rewrites partition debug's rate in allocd.conf and reloads it, as SIGHUP does. */
    void reloadWithRate(String rate) throws IOException {
        reloadRates("rate = " + rate);
    }

    /** Rewrites the rates in allocd.conf: partition debug as at the start, then these lines; reloads them. */
    void reloadRates(String... lines) throws IOException {
        List<String> rates = new ArrayList<>(List.of("[partition debug]", "mem_per_unit = " + MEM_PER_UNIT_BYTES,
                "cpus_per_unit = 1", "rounding = ceil"));
        rates.addAll(List.of(lines));
        settings.rates(rates.toArray(String[]::new)).write();
        assertTrue(daemon.reloader.reload().applied(), "the reload with " + String.join(", ", lines) + " is applied");
    }

    /**
     * Starts allocd with libslurmshim (short funds and lien reconciliation then ask Slurm), on a clock the test
     * moves: the other tests run without it, so nothing holds or releases their jobs behind their back.
     */
    void startWithShim(Path shim) throws Exception {
        try {
            daemon = settings.slurmShim(shim).start();
        } finally {
            settings.slurmShim(null);
        }
    }

    /** One housekeeping run now (grants, allocations, liens past their expiry), at the moved clock. */
    void housekeepNow(Duration later) {
        clock.advanceMillis(later.toMillis());
        daemon.daemon.housekeepNow();
    }

    void stop() {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }

    /** Listens on the hook socket, accepts, reads nothing and answers nothing. */
    void startSilent() throws IOException {
        Files.deleteIfExists(hookSocket);
        silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        silent.bind(UnixDomainSocketAddress.of(hookSocket));
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    SocketChannel peer = silent.accept();
                    synchronized (silentPeers) {
                        silentPeers.add(peer);
                    }
                }
            } catch (IOException closed) {
                // stopSilent() closed the socket.
            }
        }, "e2e-silent-bank");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    void stopSilent() throws IOException {
        silent.close();
        synchronized (silentPeers) {
            for (SocketChannel peer : silentPeers) {
                peer.close();
            }
            silentPeers.clear();
        }
        Files.deleteIfExists(hookSocket);
    }

    /** Writes charge_policy into allocd.conf and reloads it, as SIGHUP does. */
    void chargePolicy(String policy) throws IOException {
        settings.set("charge_policy", policy).write();
        assertTrue(daemon.reloader.reload().applied(), "reload with charge_policy = " + policy);
    }

    ObjectNode admin(String json) throws IOException {
        ObjectNode answer = WireClient.ask(adminSocket, json, 10_000);
        assertTrue(answer.path("ok").asBoolean(), () -> json + " -> " + answer);
        return answer;
    }

    /** allocmgr (in process) against this bank's admin socket; fails the test when it exits non-zero. */
    String allocmgr(String... args) {
        Cli run = allocmgrWith(Map.of(), args);
        assertEquals(0, run.exit(), () -> String.join(" ", args) + "\n" + run.out() + run.err());
        return run.out();
    }

    /** What one allocmgr run printed and its exit code. */
    record Cli(int exit, String out, String err) {}

    /** allocmgr (in process) with these environment variables besides the admin socket's, e.g. ALLOCMGR_CONF. */
    Cli allocmgrWith(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("ALLOCD_ADMIN_SOCKET", adminSocket.toString());
        int exit = new Allocmgr(new PrintWriter(out), new PrintWriter(err), new BufferedReader(new StringReader("")),
                false, all, ZoneId.systemDefault()).run(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    private String key() {
        return "\"key\":\"e2e-" + keys.incrementAndGet() + "-" + System.nanoTime() + "\"";
    }

    /** A funded account with these members. */
    void account(String name, long microSu, String... members) throws IOException {
        admin("{\"op\":\"create_account\",\"name\":\"" + name + "\"," + key() + "}");
        if (microSu > 0) {
            admin("{\"op\":\"deposit\",\"account\":\"" + name + "\",\"amount_micro_su\":" + microSu + "," + key()
                    + "}");
        }
        for (String member : members) {
            member(member, name);
        }
    }

    void member(String user, String account) throws IOException {
        admin("{\"op\":\"add_membership\",\"user\":\"" + user + "\",\"account\":\"" + account + "\"," + key()
                + "}");
    }

    void user(String name, String defaultAccount) throws IOException {
        admin("{\"op\":\"add_user\",\"name\":\"" + name + "\""
                + (defaultAccount == null ? "" : ",\"default_account\":\"" + defaultAccount + "\"") + "," + key()
                + "}");
    }

    void freeze(String account) throws IOException {
        admin("{\"op\":\"set_account_state\",\"name\":\"" + account + "\",\"state\":\"frozen\"," + key() + "}");
    }

    long balance(String account) throws IOException {
        return admin("{\"op\":\"balance\",\"account\":\"" + account + "\"}").get("own").get("balance_micro_su").asLong();
    }

    long liened(String account) throws IOException {
        return admin("{\"op\":\"balance\",\"account\":\"" + account + "\"}").get("own").get("open_liens_micro_su").asLong();
    }

    /** units x seconds in micro-SU at rate 1.0, rounded half-up once, as the charge formula does. */
    static long amount(long units, long seconds) {
        return (units * seconds * 1_000_000 + 1800) / 3600;
    }

    void awaitLiened(String account, long microSu) {
        SlurmTestbed.await(account + " liened " + microSu,
                () -> SlurmTestbed.unchecked(() -> liened(account)) == microSu);
    }

    /** Waits for the epilog's charge: no lien left and the balance at the expected value. */
    void awaitCharged(String account, long expectedBalance) throws IOException {
        SlurmTestbed.awaitOr(() -> SlurmTestbed.unchecked(() -> liened(account)) == 0
                && SlurmTestbed.unchecked(() -> balance(account)) == expectedBalance);
        assertEquals(0, liened(account), account + " lien after the charge");
        assertEquals(expectedBalance, balance(account), account + " balance after the charge");
    }

    /** The bank's rows of job id's runs, oldest run first. */
    List<JsonNode> runs(String account, long job) throws IOException {
        List<JsonNode> runs = new ArrayList<>();
        for (JsonNode row : admin("{\"op\":\"jobs\",\"account\":\"" + account + "\"}").get("rows")) {
            if (row.get("job").asText().startsWith("testcluster/" + job + "/")) {
                runs.add(row);
            }
        }
        runs.sort((a, b) -> a.get("job").asText().compareTo(b.get("job").asText()));
        return runs;
    }

    /** The bank's row of run restart of job id. */
    JsonNode run(String account, long job, int restart) throws IOException {
        return runs(account, job).stream().filter(r -> r.get("job").asText().endsWith("/" + restart)).findFirst()
                .orElseThrow(() -> new AssertionError("no run " + restart + " of job " + job + ": "
                        + SlurmTestbed.unchecked(() -> runs(account, job))));
    }

    /** Whether run restart of job id is charged (its epilog reached the bank). */
    boolean charged(String account, long job, int restart) {
        return SlurmTestbed.unchecked(() -> runs(account, job)).stream().anyMatch(r -> r.get("job").asText()
                .endsWith("/" + restart) && r.get("state").asText().equals("charged"));
    }

    void assertVerifyClean() throws IOException {
        ObjectNode report = admin("{\"op\":\"verify\"}");
        assertTrue(report.get("clean").asBoolean(), () -> "verify: " + report);
    }

    @Override
    public void close() throws IOException {
        stop();
        if (silent != null && silent.isOpen()) {
            stopSilent();
        }
    }
}
