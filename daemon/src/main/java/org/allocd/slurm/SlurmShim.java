package org.allocd.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * allocd's door to libslurm: hold, release, list pending jobs, job info,
 * through libslurmshim.so run by the allocd-slurm helper process beside it,
 * so that nothing libslurm does (fatal(), a crash, a call that never returns)
 * can stop or stall the daemon. One call at a time; each is bounded by
 * timeoutMillis, after which the helper is killed. A helper that died is
 * started again at the next call, at most once per RESTART_GAP_MILLIS. While
 * Slurm cannot be reached, one log line says why and what waits; another says
 * when it answers again. Callers are never Netty threads.
 */
public final class SlurmShim implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlurmShim.class);
    /** -Dallocd.slurmshim=PATH overrides where the library is; its helper is beside it. */
    public static final String PATH_PROPERTY = "allocd.slurmshim";
    public static final Path DEFAULT_PATH = Path.of("/usr/lib/allocd/libslurmshim.so");
    private static final String HELPER_NAME = "allocd-slurm";
    /** A libslurm that cannot start costs one helper start per gap, not one per call. */
    static final long RESTART_GAP_MILLIS = 5_000;

    private final Path helperProgram;
    private final Optional<Path> slurmConf;
    private final long timeoutMillis;
    private final ReentrantLock oneCall = new ReentrantLock(true);
    private final ScheduledThreadPoolExecutor watchdog;
    private volatile SlurmHelper helper;
    // Guarded by oneCall.
    private long nextStartNanos = System.nanoTime();
    private String lastFailure = "";
    private boolean everStarted;
    private boolean down;
    private boolean closed;

    private SlurmShim(Path helperProgram, Optional<Path> slurmConf, long timeoutMillis) {
        this.helperProgram = helperProgram;
        this.slurmConf = slurmConf;
        this.timeoutMillis = timeoutMillis;
        this.watchdog = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "allocd-slurm-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    /** The library path: the system property, else the default. */
    public static Path configuredPath() {
        String p = System.getProperty(PATH_PROPERTY);
        return p == null || p.isBlank() ? DEFAULT_PATH : Path.of(p);
    }

    /**
     * The door through the library and its helper (started at the first call,
     * which reads slurmConf, else SLURM_CONF or Slurm's default). Throws
     * SlurmException when either file is not installed.
     */
    public static SlurmShim load(Path library, Optional<Path> slurmConf, long timeoutMillis) throws SlurmException {
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeoutMillis must be >= 1, got " + timeoutMillis);
        }
        Path helper = library.resolveSibling(HELPER_NAME);
        if (!Files.isReadable(library) || !Files.isExecutable(helper)) {
            throw new SlurmException(0, "no libslurmshim and " + HELPER_NAME + " at " + library.getParent()
                    + " (build slurm-hooks with 'make -f shim.mk install-shim' or set -D" + PATH_PROPERTY + "=PATH)");
        }
        return new SlurmShim(helper, slurmConf, timeoutMillis);
    }

    /** Holds a pending job (priority 0) and sets its AdminComment. */
    public void hold(long jobId, String adminComment) throws SlurmException {
        call("hold " + jobId, 'h', jobId(jobId), adminComment);
    }

    /** Releases a held job and sets its AdminComment ("" clears it). */
    public void release(long jobId, String adminComment) throws SlurmException {
        call("release " + jobId, 'r', jobId(jobId), adminComment);
    }

    /** The account's pending jobs, oldest submit first; account null = every account. */
    public List<PendingJob> pendingJobs(String account) throws SlurmException {
        return PendingJob.parseAll(text("list pending jobs of " + (account == null ? "every account" : account),
                'p', 0, account));
    }

    /** The same jobs with what each asks for, to be priced as at submit. */
    public List<PendingRequest> pendingRequests(String account) throws SlurmException {
        return PendingRequest.parseAll(text("list pending requests of " + (account == null ? "every account" : account),
                'q', 0, account));
    }

    public JobInfo jobInfo(long jobId) throws SlurmException {
        return JobInfo.parse(text("job info " + jobId, 'i', jobId(jobId), null));
    }

    /** Slurm job ids are uint32; the helper reads them as 4 bytes. */
    private static long jobId(long jobId) {
        if (jobId < 1 || jobId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("job id must be 1..4294967295, got " + jobId);
        }
        return jobId;
    }

    private String text(String what, char op, long jobId, String arg) throws SlurmException {
        return call(what, op, jobId, arg).text();
    }

    private SlurmHelper.Answer call(String what, char op, long jobId, String arg) throws SlurmException {
        try {
            if (!oneCall.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw SlurmException.unreachable(0, what + ": waited " + timeoutMillis
                        + " ms behind another libslurm call");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlurmException(0, what + ": interrupted");
        }
        try {
            if (closed) {
                throw new SlurmException(0, what + ": allocd is stopping");
            }
            SlurmHelper running = running(what);
            SlurmHelper.Answer answer;
            ScheduledFuture<?> kill = watchdog.schedule(running::kill, timeoutMillis, TimeUnit.MILLISECONDS);
            try {
                answer = running.ask(op, jobId, arg);
            } catch (IOException e) {
                helper = null;
                throw down(what, 0, running.killed() ? "slurmctld did not answer within " + timeoutMillis
                        + " ms (stopped, frozen or unreachable)" + said(running) : running.death(e));
            } finally {
                kill.cancel(false);
            }
            if (running.killed()) {
                helper = null; // the watchdog fired as the answer came: this helper is gone
            }
            if (answer.rc() != 0 && unreachableCode(answer.rc())) {
                throw down(what, answer.rc(), answer.text());
            }
            up();
            if (answer.rc() != 0) {
                throw new SlurmException(answer.rc(), what + ": " + answer.text());
            }
            return answer;
        } finally {
            oneCall.unlock();
        }
    }

    /** The helper, started if it is not running; at most one start per RESTART_GAP_MILLIS. */
    private SlurmHelper running(String what) throws SlurmException {
        SlurmHelper current = helper;
        if (current != null && current.alive() && !current.killed()) {
            return current;
        }
        helper = null;
        long now = System.nanoTime();
        if (now - nextStartNanos < 0) {
            throw SlurmException.unreachable(0, what + ": " + lastFailure + " (next try within "
                    + RESTART_GAP_MILLIS / 1000 + " s)");
        }
        nextStartNanos = now + TimeUnit.MILLISECONDS.toNanos(RESTART_GAP_MILLIS);
        SlurmHelper started;
        try {
            started = SlurmHelper.start(helperProgram, slurmConf);
        } catch (IOException e) {
            throw down(what, 0, "cannot run " + helperProgram + ": " + e.getMessage());
        }
        ScheduledFuture<?> kill = watchdog.schedule(started::kill, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            started.awaitReady();
        } catch (IOException e) {
            // Its last words first: killing a process closes its stderr.
            String cause = started.killed() ? "libslurm did not start within " + timeoutMillis + " ms" + said(started)
                    : started.death(e);
            started.kill();
            throw down(what, 0, cause);
        } finally {
            kill.cancel(false);
        }
        if (!everStarted) {
            everStarted = true;
            log.info("libslurm runs in {} (slurm.conf {}; calls bounded at {} ms)", helperProgram,
                    slurmConf.map(Path::toString).orElse("from SLURM_CONF or Slurm's default"), timeoutMillis);
        }
        helper = started;
        return started;
    }

    private static String said(SlurmHelper h) {
        String said = h.said();
        return said.isEmpty() ? "" : ": " + said;
    }

    /** Slurm's codes for "could not talk to slurmctld" (slurm_errno.h: 1000-1899 and the socket layer's 5000s). */
    private static boolean unreachableCode(int rc) {
        return (rc >= 1000 && rc < 1900) || (rc >= 5000 && rc < 6000);
    }

    /** Slurm cannot be asked: logs it once per outage, and returns the caller's exception. */
    private SlurmException down(String what, int code, String cause) {
        lastFailure = cause;
        if (!down) {
            down = true;
            log.warn("Slurm cannot be reached through libslurm: {}. Until it answers, allocd answers QUOTE, LIEN and"
                    + " CHARGE as always but holds and releases no jobs for money, lists no pending jobs, and lets"
                    + " expired liens wait for Slurm's record; it retries by itself", cause);
        }
        return SlurmException.unreachable(code, what + ": " + cause);
    }

    private void up() {
        if (down) {
            down = false;
            log.info("Slurm answers again through libslurm: holds, pending job lists and lien reconcile resume");
        }
    }

    @Override
    public void close() {
        boolean locked = false;
        try {
            locked = oneCall.tryLock(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            closed = true;
            SlurmHelper current = helper;
            if (current != null) {
                // A call still running after the wait: its helper dies now and the caller gets an error.
                if (locked) {
                    current.stop(timeoutMillis);
                } else {
                    current.kill();
                }
            }
            watchdog.shutdownNow();
        } finally {
            if (locked) {
                oneCall.unlock();
            }
        }
    }
}
