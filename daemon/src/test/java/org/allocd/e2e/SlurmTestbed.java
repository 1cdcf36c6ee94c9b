package org.allocd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The one test-bed fixture: scripts/testbed on a port base and directory of its own (beside any other test bed), of
 * the Slurm named by ALLOCD_E2E_SLURM (22.05, the default, from this host; 24.11 from the bed's Debian 13 root),
 * optionally wired to the hooks built from slurm-hooks/ to read this test's allocd.conf (the daemon's own), and the
 * Slurm commands the tests run, always through scripts/testbed exec so they are the bed's own version.
 */
public final class SlurmTestbed implements AutoCloseable {
    /** Which Slurm the end-to-end tests run against; scripts/testbed --slurm takes the same values. */
    public static final String VERSION_VARIABLE = "ALLOCD_E2E_SLURM";
    static final String GATE_VARIABLE = "ALLOCD_E2E";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final long AWAIT_SECONDS = 30;
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL",
            "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE");

    final Path repo;
    public final Path dir;
    final Path build;
    final Path allocdConf;
    public final Path slurmConf;
    /** slurm_bin_dir for allocd and the hooks: the host's Slurm commands, or the bed's wrappers into the root. */
    public final Path binDir;
    public final String version = version();
    private final int portBase;
    /** Whether slurmctld runs the hooks (JobSubmitPlugins, PrologSlurmctld, EpilogSlurmctld). */
    private final boolean hooks;
    /** Lines appended to slurm.conf (ALLOCD_TESTBED_EXTRA_CONF), e.g. more partitions; null: none. */
    private Path extraConf;
    /** Whether each job's memory is limited to what it asked (ALLOCD_TESTBED_MEMORY_CGROUP). */
    private boolean memoryLimits;

    /** The outcome of one command. */
    public record Run(int exitCode, String stdout, String stderr, long millis) {}

    private SlurmTestbed(Path repo, Path dir, Path allocdConf, int portBase, boolean hooks) {
        this.repo = repo;
        this.portBase = portBase;
        this.dir = dir;
        this.allocdConf = allocdConf;
        this.hooks = hooks;
        build = dir.resolve("hooks");
        slurmConf = dir.resolve("testbed/etc/slurm.conf");
        binDir = version.equals("22.05") ? Path.of("/usr/bin") : dir.resolve("testbed/bin");
    }

    /** ALLOCD_E2E_SLURM, 22.05 when unset. */
    static String version() {
        String version = System.getenv(VERSION_VARIABLE);
        return version == null || version.isEmpty() ? "22.05" : version;
    }

    /**
     * Whether the end-to-end tests run here. ALLOCD_E2E=required (.ci/run): they must run, and a machine that cannot
     * run them fails them with the reason. auto (scripts/test): they run when this is root with the bed's Slurm, and
     * are skipped with the reason otherwise. Unset or off: skipped, so a plain `mvn test` starts no Slurm.
     */
    public static void gate(boolean withDbd) {
        String mode = System.getenv(GATE_VARIABLE) == null ? "off" : System.getenv(GATE_VARIABLE);
        String missing = missing(withDbd);
        switch (mode) {
            case "required" -> {
                if (missing != null) {
                    fail("end-to-end tests are required (" + GATE_VARIABLE + "=required) but cannot run: " + missing);
                }
            }
            case "auto" -> skipIf(missing);
            case "off", "" -> skipIf("end-to-end tests are off; set " + GATE_VARIABLE
                    + "=auto or required (scripts/test sets auto)");
            default -> fail(GATE_VARIABLE + "=" + mode + " is not valid; use off, auto or required");
        }
    }

    private static void skipIf(String reason) {
        if (reason != null) {
            System.err.println("SKIPPED end-to-end tests: " + reason);
        }
        Assumptions.assumeTrue(reason == null, reason);
    }

    /** What this machine lacks for the bed, or null. */
    private static String missing(boolean withDbd) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "they must run as root (they start slurmctld and submit as other users)";
        }
        String version = version();
        if (version.equals("24.11")) {
            Path marker = roots().resolve("debian13-slurm24.11/.allocd-testbed-root");
            return Files.exists(marker) ? null
                    : marker + " is missing; run: sudo scripts/testbed --slurm 24.11 install";
        }
        if (!version.equals("22.05")) {
            return VERSION_VARIABLE + "=" + version + " is not a Slurm the bed runs; use 22.05 or 24.11";
        }
        List<String> needed = new ArrayList<>(List.of("/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch",
                "/usr/sbin/munged", "/usr/include/slurm/slurm.h", "/usr/bin/make", "/usr/bin/gcc"));
        if (withDbd) {
            needed.addAll(List.of("/usr/sbin/slurmdbd", "/usr/sbin/mariadbd"));
        }
        for (String file : needed) {
            if (!Files.exists(Path.of(file))) {
                return file + " is missing; run: sudo scripts/testbed install" + (withDbd ? " --with-dbd" : "")
                        + " && apt-get install gcc make";
            }
        }
        return null;
    }

    private static Path roots() {
        return Path.of(System.getenv().getOrDefault("ALLOCD_TESTBED_ROOTS", "/var/cache/allocd-testbed"));
    }

    /**
     * Every bed the tests start, each on ports of its own, all below the kernel's free-port pool
     * (net.ipv4.ip_local_port_range, 32768-60999 by default): the test PostgreSQL servers, clients and munged take
     * their ports from that pool, and one could take a bed's port there before the bed binds it. A new test class adds
     * a bed here, never a port of its own (BedPortsTest checks that no two beds' ports meet).
     */
    public enum Bed {
        LOOP, RUNS, RATES, JOBS, RESV, DAEMON_TESTS, NODES, ACCOUNTS, ARRAYS, OOM, PORTAL, NODEFAIL, PREEMPT;

        /** Its slurmctld port in this checkout; slurmd and slurmdbd take the next two, MariaDB + DB_PORT_OFFSET. */
        int portBase(int checkout) {
            return FIRST_PORT_BASE + ordinal() * PORTS_PER_BED + checkout * PORTS_PER_CHECKOUT;
        }

        /** Its directory in this checkout, /tmp/allocd-e2e-NAME-N. */
        Path dir(int checkout) {
            return Path.of("/tmp/allocd-e2e-" + name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + checkout);
        }
    }

    static final int FIRST_PORT_BASE = 14_000;
    /**
     * How many checkouts get ports of their own. Beds run one at a time (under /tmp/allocd-slurm.lock); the checkout
     * only keeps the directories and ports of two worktrees on one machine apart.
     */
    static final int CHECKOUTS = 40;
    /** slurmctld, slurmd, slurmdbd, and one spare. */
    static final int PORTS_PER_CHECKOUT = 4;
    static final int PORTS_PER_BED = CHECKOUTS * PORTS_PER_CHECKOUT;
    /** scripts/testbed's MariaDB port (db_port) is the port base + this. */
    static final int DB_PORT_OFFSET = 6489;

    /**
     * A fresh test bed of this checkout (its directory emptied), with the hooks reading the allocd.conf of
     * Bank(dir/allocd); nothing started yet.
     */
    static SlurmTestbed fresh(Bed bed) throws IOException {
        Path repo = repo();
        int checkout = checkout(repo);
        return fresh(repo, bed.dir(checkout), bed.portBase(checkout), true);
    }

    /**
     * A fresh test bed without the hooks (the daemon tests drive allocd's sockets themselves), started, with slurmdbd
     * when withDbd; skipped or failed first as gate() says.
     */
    public static SlurmTestbed started(Bed bed, boolean withDbd) throws IOException {
        gate(withDbd);
        Path repo = repo();
        int checkout = checkout(repo);
        SlurmTestbed slurm = fresh(repo, bed.dir(checkout), bed.portBase(checkout), false);
        slurm.start(withDbd ? new String[] {"start", "--with-dbd"} : new String[] {"start"});
        return slurm;
    }

    /** A test bed in dir (emptied first: a fresh cluster and ledger, so job ids start at 1 again for both). */
    private static SlurmTestbed fresh(Path repo, Path dir, int portBase, boolean hooks) throws IOException {
        SlurmTestbed slurm = new SlurmTestbed(repo, dir, Bank.configFile(dir.resolve("allocd")), portBase, hooks);
        if (Files.exists(dir)) {
            slurm.testbed("stop");
            slurm.testbed("clean");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        // Users' sbatch reads slurm.conf under it.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return slurm;
    }

    /** The checkout these tests run from: the directory holding scripts/testbed. */
    static Path repo() {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.exists(repo.resolve("scripts/testbed"))) {
            repo = repo.getParent();
        }
        return repo;
    }

    /** A number per checkout for directories and ports of its own, 0 to CHECKOUTS - 1. */
    static int checkout(Path repo) {
        return Math.floorMod(repo.toString().hashCode(), CHECKOUTS);
    }

    /** Builds the hooks with this test's allocd.conf built in (for the bed's Slurm), and starts the cluster. */
    void start() throws IOException {
        start("start");
    }

    /** As start(), with slurmdbd and MariaDB: associations enforced (sacctmgr adds accounts and users). */
    void startWithDbd() throws IOException {
        start("start", "--with-dbd");
    }

    /** As start(), with nodes node1..nodeN, each slurmd in a network namespace of its own (scripts/testbed). */
    void startNodes(int nodes) throws IOException {
        start("start", "--nodes", Integer.toString(nodes));
    }

    /** Appends these lines to slurm.conf at every start from now on (e.g. more partitions). */
    void extraConf(String... lines) throws IOException {
        extraConf = Files.writeString(dir.resolve("extra-slurm.conf"), String.join("\n", lines) + "\n");
    }

    /** From the next start on, a job past the memory it asked for is killed and ends OUT_OF_MEMORY. */
    void limitMemory() {
        memoryLimits = true;
    }

    /** A node failure: SIGKILL to the node's slurmd. */
    void killNode(String node) throws IOException {
        Run killed = testbed("kill-node", node);
        assertEquals(0, killed.exitCode(), killed.stdout() + killed.stderr());
    }

    private void start(String... start) throws IOException {
        if (hooks) {
            Run make = slurm("make", "-s", "-C", repo.resolve("slurm-hooks").toString(), "BUILD=" + build,
                    "ALLOCD_CONF=" + allocdConf);
            assertEquals(0, make.exitCode(), "building slurm-hooks failed:\n" + make.stderr());
        }
        Run started = testbed(start);
        if (started.exitCode() != 0) {
            // Seen once under load right after a stop: munged exited before its socket worked. Once more, then fail.
            System.err.println("scripts/testbed start failed, trying once more:\n" + started.stderr());
            started = testbed(start);
        }
        assertEquals(0, started.exitCode(), "scripts/testbed start failed:\n" + started.stdout() + started.stderr());
        System.out.println(started.stdout().strip());
    }

    /** Restarts slurmctld, e.g. after a change of allocd.conf (the plugin reads it at load). */
    void restart() throws IOException {
        Run restarted = testbed("restart-ctld");
        assertEquals(0, restarted.exitCode(), "scripts/testbed restart-ctld failed:\n" + restarted.stderr());
    }

    /**
     * Builds libslurmshim.so and its helper allocd-slurm for the bed's Slurm into outDir and returns the library.
     * For 24.11 they are built in the Debian 13 root and the helper runs here on that root's loader and libraries
     * (shim.mk SLURM_ROOT): 24.11's libslurm needs glibc 2.38, Debian 12 has 2.36.
     */
    public Path buildShim(Path outDir) throws IOException {
        List<String> make = new ArrayList<>(List.of("make", "-s", "-f", repo.resolve("slurm-hooks/shim.mk").toString(),
                "BUILD=" + outDir));
        if (version.equals("24.11")) {
            make.add("SLURM_ROOT=" + roots().resolve("debian13-slurm24.11"));
        }
        Run built = slurm(make.toArray(String[]::new));
        assertEquals(0, built.exitCode(), "building libslurmshim failed:\n" + built.stderr());
        return outDir.resolve("libslurmshim.so");
    }

    /** As buildShim(), where no Slurm runs (the bed's compiler and headers are enough); gated as gate() says. */
    public static Path buildShimWithoutBed(Path outDir) throws IOException {
        gate(false);
        Files.createDirectories(outDir);
        Path repo = repo();
        return new SlurmTestbed(repo, outDir, outDir.resolve("allocd.conf"), Bed.DAEMON_TESTS.portBase(checkout(repo)),
                false).buildShim(outDir);
    }

    /** Runs scripts/testbed with these arguments on this bed (e.g. "stop", then "start"); fails when it fails. */
    public void command(String... args) throws IOException {
        Run run = testbed(args);
        assertEquals(0, run.exitCode(), "scripts/testbed " + String.join(" ", args) + " failed:\n" + run.stdout()
                + run.stderr());
    }

    /** The pid of one of the bed's running daemons (slurmctld, slurmd...). */
    public long pid(String daemon) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("testbed/run/" + daemon + ".pid")).strip());
    }

    Run testbed(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(repo.resolve("scripts/testbed").toString(), "--slurm", version));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    public void adduser(String name) throws IOException {
        assertEquals(0, testbed("adduser", name).exitCode(), "scripts/testbed adduser " + name + " failed");
    }

    /** sbatch as user (a real unprivileged submit), from /tmp, output discarded. */
    Run sbatch(String user, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", user, "--", "env", "SLURM_CONF=" + slurmConf,
                "sbatch", "--parsable", "--chdir=/tmp", "--output=/dev/null"));
        command.addAll(List.of(args));
        return onBed(command, Map.of());
    }

    /** Submits and returns the job id, failing with sbatch's stderr when it refuses. */
    long submit(String user, String... args) throws IOException {
        Run run = sbatch(user, args);
        if (run.exitCode() != 0) {
            fail("sbatch " + String.join(" ", args) + " refused:\n" + run.stderr());
        }
        // "ID" or "ID;CLUSTER"; a heterogeneous job prints its leader's id.
        return Long.parseLong(run.stdout().trim().split("[;+]")[0]);
    }

    /** A command on the bed's side (sbatch, scontrol, make, a hook): in 24.11's root, or here for 22.05. */
    public Run slurm(String... command) throws IOException {
        return onBed(List.of(command), Map.of());
    }

    /** As slurm(), failing the test when the command fails; its standard output. */
    public String slurmOk(String... command) throws IOException {
        Run run = slurm(command);
        if (run.exitCode() != 0) {
            fail(String.join(" ", command) + " failed (exit " + run.exitCode() + "): " + run.stdout() + run.stderr());
        }
        return run.stdout();
    }

    Run onBed(List<String> command, Map<String, String> extraEnv) throws IOException {
        List<String> onBed = new ArrayList<>(List.of(repo.resolve("scripts/testbed").toString(), "--slurm", version,
                "exec"));
        onBed.addAll(command);
        return run(onBed, extraEnv);
    }

    /** The fields of `scontrol show job -o -d`, e.g. JobState, StartTime, TRES. */
    Map<String, String> job(long jobId) throws IOException {
        return fields("job", "-d", Long.toString(jobId));
    }

    /** The fields of one `scontrol show WHAT -o ...` record, e.g. of a reservation. */
    Map<String, String> fields(String what, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("scontrol", "show", what, "-o"));
        command.addAll(List.of(args));
        Run run = onBed(command, Map.of());
        assertEquals(0, run.exitCode(), String.join(" ", command) + ": " + run.stderr());
        Map<String, String> fields = new HashMap<>();
        for (String word : run.stdout().trim().split(" ")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(word.substring(0, eq), word.substring(eq + 1));
            }
        }
        return fields;
    }

    String state(long jobId) throws IOException {
        return job(jobId).get("JobState");
    }

    void awaitState(long jobId, String wanted) throws IOException {
        await("job " + jobId + " " + wanted, () -> wanted.equals(unchecked(() -> state(jobId))));
    }

    void awaitEnd(long jobId) throws IOException {
        await("job " + jobId + " ended", () -> ENDED.contains(unchecked(() -> state(jobId))));
    }

    /** Elapsed seconds by Slurm's own clock: EndTime - StartTime (local times, whole seconds). */
    long elapsedSeconds(long jobId) throws IOException {
        Map<String, String> job = job(jobId);
        ZoneId zone = ZoneId.systemDefault();
        return LocalDateTime.parse(job.get("EndTime")).atZone(zone).toEpochSecond()
                - LocalDateTime.parse(job.get("StartTime")).atZone(zone).toEpochSecond();
    }

    String slurmctldLog() throws IOException {
        return Files.readString(dir.resolve("testbed/log/slurmctld.log"));
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, AWAIT_SECONDS, condition);
    }

    /** As await(), for what takes Slurm longer (e.g. a node failure it notices by a timeout). */
    static void await(String what, long seconds, BooleanSupplier condition) {
        if (!awaitOr(seconds, condition)) {
            fail("waited " + seconds + " s for " + what);
        }
    }

    /** Polls condition for up to AWAIT_SECONDS; whether it came true (the caller asserts what it sees). */
    static boolean awaitOr(BooleanSupplier condition) {
        return awaitOr(AWAIT_SECONDS, condition);
    }

    private static boolean awaitOr(long seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static void sleepSeconds(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    interface IoSupplier<T> {
        T get() throws IOException;
    }

    static <T> T unchecked(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Run run(List<String> command, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("SLURM_CONF", slurmConf.toString());
        env.put("ALLOCD_TESTBED_DIR", dir.resolve("testbed").toString());
        env.put("ALLOCD_TESTBED_PORT_BASE", Integer.toString(portBase));
        if (hooks) {
            env.put("ALLOCD_TESTBED_PLUGIN_DIR", build.toString());
            env.put("ALLOCD_TESTBED_JOB_SUBMIT", "allocd");
            env.put("ALLOCD_TESTBED_PROLOG_SLURMCTLD", build.resolve("allocd-hook").toString());
            env.put("ALLOCD_TESTBED_EPILOG_SLURMCTLD", build.resolve("allocd-hook").toString());
            // slurmctld inherits it from scripts/testbed, so the plugin reads this test's config.
            env.put("ALLOCD_CONF", allocdConf.toString());
        }
        if (extraConf != null) {
            env.put("ALLOCD_TESTBED_EXTRA_CONF", extraConf.toString());
        }
        if (memoryLimits) {
            env.put("ALLOCD_TESTBED_MEMORY_CGROUP", "yes");
        }
        env.putAll(extraEnv);
        long started = System.nanoTime();
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), millis);
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    @Override
    public void close() throws IOException {
        testbed("stop");
    }

    /** Stops the cluster and deletes its directory (the daemon tests' beds leave nothing behind). */
    public void closeAndClean() throws IOException {
        testbed("stop");
        testbed("clean");
    }
}
