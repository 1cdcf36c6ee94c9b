package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.allocd.store.Pgtest;
import org.allocd.store.StoreLocation;
import org.allocd.store.TestPostgresql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The primary fails under the real hook: allocd on a PostgreSQL primary with a synchronous standby (multi-host
 * URL, targetServerType=primary), and allocd-hook built from slurm-hooks/ run as PrologSlurmctld and
 * EpilogSlurmctld of one job after another. The primary is killed (-m immediate) and, a second later, the
 * standby promoted: the hooks that meet the outage spool their events, allocd replays the spool onto the new
 * primary, and every job ends liened and charged there exactly once; verify is clean.
 *
 * <p>Slurm's part is the hook's environment, as slurmctld sets it, and `scontrol show job` answered by a script
 * in slurm_bin_dir that prints the job's line; the hook, its spool, allocd and PostgreSQL are the real ones.
 */
class PostgresqlFailoverHookTest {
    private static final int RUNNERS = 4;
    /**
     * The hook's own bound; an event whose answer takes longer is spooled. Above the 200 ms default, so that on
     * a loaded machine the events before the fault are mostly answered and those meeting the outage spooled.
     */
    private static final int HOOK_TIMEOUT_MILLIS = 1_000;
    private static final int SOCKET_TIMEOUT_SECONDS = 3;
    private static final long HOOK_RUN_SECONDS = 30;
    /** The daemon replays the spool every 30 s; two runs, and time for a loaded machine. */
    private static final long REPLAYED_WITHIN_MILLIS = 90_000;

    @TempDir
    Path dir;

    private final AtomicInteger jobsRun = new AtomicInteger();
    private final AtomicInteger spooled = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final List<String> hookFailures = new ArrayList<>();

    @Test
    void eventsSpooledWhileThePrimaryIsLostEndOnThePromotedStandby() throws Exception {
        TestPostgresql.shared(); // skips or fails as ALLOCD_PG says when PostgreSQL cannot run here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path hook = buildHook();
        Path slurmBin = scontrolPrintingTheJob();
        Path spool = Files.createDirectory(dir.resolve("spool"));
        try (Pgtest.Replicated servers = Pgtest.Replicated.start(dir, SOCKET_TIMEOUT_SECONDS)) {
            Path primary = servers.primary();
            Path standby = servers.standby();
            StoreLocation.Postgresql location = servers.location();
            try (DaemonFixture allocd = DaemonFixture.in(dir.resolve("allocd")).store(location)
                    .set("spool_dir", spool).set("slurm_bin_dir", slurmBin)
                    .set("hook_timeout_ms", HOOK_TIMEOUT_MILLIS).start()) {
                allocd.seed();
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService runners = Executors.newFixedThreadPool(RUNNERS);
                AtomicLong nextJob = new AtomicLong(1);
                List<Future<?>> threads = new ArrayList<>();
                for (int r = 0; r < RUNNERS; r++) {
                    threads.add(runners.submit(() -> jobs(hook, allocd.config, nextJob, running)));
                }
                try {
                    Thread.sleep(1_500);
                    Pgtest.run("kill", primary.toString());
                    Thread.sleep(1_000); // the hooks meet a bank without a database
                    Pgtest.run("promote", standby.toString());
                    Thread.sleep(3_000);
                } finally {
                    running.set(false);
                    for (Future<?> thread : threads) {
                        thread.get(HOOK_RUN_SECONDS, TimeUnit.SECONDS);
                    }
                    runners.shutdownNow();
                }
                assertTrue(hookFailures.isEmpty(), hookFailures::toString);
                assertTrue(spooled.get() > 0, "some events met the outage and were spooled");
                assertTrue(answered.get() > 0, "some events were answered");
                long deadline = System.currentTimeMillis() + REPLAYED_WITHIN_MILLIS;
                while (!spoolEmpty(spool)) {
                    assertTrue(System.currentTimeMillis() < deadline, "the spool was not replayed: " + listing(spool));
                    Thread.sleep(200);
                }
                assertTrue(!Files.exists(spool.resolve("quarantine")) || listing(spool.resolve("quarantine")).isEmpty(),
                        "nothing quarantined");
                assertEquals(jobsRun.get(), count(servers.standbyAlone(), "SELECT count(*) FROM jobs WHERE charged = 1"),
                        "every job liened and charged on the new primary (" + spooled.get() + " events spooled)");
                ObjectNode verify = allocd.verify();
                assertTrue(verify.get("clean").asBoolean(), verify::toString);
                System.out.println("== hooks through a lost primary: " + jobsRun.get() + " jobs, " + answered.get()
                        + " events answered, " + spooled.get() + " spooled and replayed");
            }
        }
    }

    /** Prolog then epilog of one job after another, as slurmctld runs them, until told to stop. */
    private Void jobs(Path hook, Path config, AtomicLong nextJob, AtomicBoolean running) throws Exception {
        while (running.get()) {
            long job = nextJob.getAndIncrement();
            runHook(hook, config, job, "prolog_slurmctld");
            runHook(hook, config, job, "epilog_slurmctld");
            jobsRun.incrementAndGet();
        }
        return null;
    }

    private void runHook(Path hook, Path config, long job, String context) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(hook.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("ALLOCD_CONF", config.toString());
        env.put("SLURM_SCRIPT_CONTEXT", context);
        env.put("SLURM_CLUSTER_NAME", DaemonFixture.CLUSTER);
        env.put("SLURM_JOB_ID", Long.toString(job));
        env.put("SLURM_JOB_ACCOUNT", "proj");
        env.put("SLURM_JOB_USER", "alice");
        env.put("SLURM_JOB_PARTITION", "gpu");
        env.put("SLURM_JOB_RESTART_COUNT", "0");
        if (context.startsWith("epilog")) {
            env.put("SLURM_JOB_EXIT_CODE", "0");
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        if (output.contains("spooled as")) {
            spooled.incrementAndGet();
        } else if (exit == 0) {
            answered.incrementAndGet();
        }
        if (exit != 0) {
            synchronized (hookFailures) {
                hookFailures.add(context + " of job " + job + " exited " + exit + ": " + output);
            }
        }
    }

    private Path buildHook() throws Exception {
        Path build = Files.createDirectory(dir.resolve("hooks"));
        Process make = new ProcessBuilder("make", "-s", "-C", Path.of("..", "slurm-hooks").toString(),
                "BUILD=" + build, build.resolve("allocd-hook").toString()).redirectErrorStream(true).start();
        String output = new String(make.getInputStream().readAllBytes());
        assertEquals(0, make.waitFor(), "building allocd-hook failed:\n" + output);
        return build.resolve("allocd-hook");
    }

    /** slurm_bin_dir with an scontrol whose `show job -o -d ID` prints that job's line, as Slurm 22.05 does. */
    private Path scontrolPrintingTheJob() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("slurm-bin"));
        Path scontrol = bin.resolve("scontrol");
        Files.writeString(scontrol, "#!/bin/sh\n"
                + "[ \"$1 $2\" = \"show job\" ] || exit 1\n"
                + "echo \"JobId=$5 JobName=wrap UserId=alice(1000) Account=proj QOS=normal JobState=COMPLETED"
                + " Reason=None BatchFlag=1 Restarts=0 ExitCode=0:0 TimeLimit=00:10:00"
                + " SubmitTime=2026-12-07T10:00:00 StartTime=2026-12-07T10:00:00 EndTime=2026-12-07T10:01:00"
                + " Partition=gpu NodeList=node1 OverSubscribe=OK TRES=cpu=1,mem=1G,node=1,billing=1\"\n");
        Files.setPosixFilePermissions(scontrol, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private static boolean spoolEmpty(Path spool) throws Exception {
        return listing(spool).stream().noneMatch(name -> name.endsWith(".json"));
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static long count(StoreLocation.Postgresql location, String query) throws Exception {
        try (Connection c = DriverManager.getConnection(location.jdbcUrl(), location.user(), location.password());
                Statement s = c.createStatement(); ResultSet row = s.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
