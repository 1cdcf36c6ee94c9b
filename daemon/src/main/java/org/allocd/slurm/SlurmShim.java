package org.allocd.slurm;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * allocd's door to libslurm: hold, release, list pending jobs, job info,
 * through libslurmshim.so. Every call runs on one dedicated thread (libslurm
 * is not thread-safe) and is waited for at most timeoutMillis, because
 * libslurm blocks while slurmctld is away; callers are never Netty threads.
 */
public final class SlurmShim implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlurmShim.class);
    /** -Dallocd.slurmshim=PATH overrides where the library is. */
    public static final String PATH_PROPERTY = "allocd.slurmshim";
    public static final Path DEFAULT_PATH = Path.of("/usr/lib/allocd/libslurmshim.so");
    /** A few calls may wait behind a slow one; more means slurmctld is gone, so fail fast. */
    private static final int QUEUE_CALLS = 16;

    private final ShimLibrary lib;
    private final long timeoutMillis;
    private final ThreadPoolExecutor thread;

    private SlurmShim(ShimLibrary lib, long timeoutMillis) {
        this.lib = lib;
        this.timeoutMillis = timeoutMillis;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CALLS),
                task -> {
                    Thread t = new Thread(task, "allocd-slurm");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The library path: the system property, else the default. */
    public static Path configuredPath() {
        String p = System.getProperty(PATH_PROPERTY);
        return p == null || p.isBlank() ? DEFAULT_PATH : Path.of(p);
    }

    /**
     * Loads the library and reads slurm.conf (slurmConf, else SLURM_CONF or
     * Slurm's default). Throws SlurmException when the
     * library is missing, of another ABI, or libslurm cannot start.
     */
    public static SlurmShim load(Path library, Optional<Path> slurmConf, long timeoutMillis) throws SlurmException {
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("timeoutMillis must be >= 1, got " + timeoutMillis);
        }
        if (!Files.isReadable(library)) {
            throw new SlurmException(0, "no libslurmshim at " + library + " (build slurm-hooks with 'make -f shim.mk"
                    + " install' or set -D" + PATH_PROPERTY + "=PATH)");
        }
        ShimLibrary lib;
        try {
            lib = Native.load(library.toString(), ShimLibrary.class);
        } catch (UnsatisfiedLinkError e) {
            throw new SlurmException(0, "cannot load " + library + ": " + e.getMessage());
        }
        int abi = lib.allocd_shim_abi_version();
        if (abi != ShimLibrary.ABI_VERSION) {
            throw new SlurmException(0, library + " speaks shim ABI " + abi + ", this allocd needs "
                    + ShimLibrary.ABI_VERSION + "; rebuild slurm-hooks from the same release");
        }
        SlurmShim shim = new SlurmShim(lib, timeoutMillis);
        String conf = slurmConf.map(Path::toString).orElse(null);
        shim.call("init", l -> l.allocd_shim_init(conf));
        log.info("libslurm ready through {} (calls bounded at {} ms)", library, timeoutMillis);
        return shim;
    }

    /** Holds a pending job (priority 0) and sets its AdminComment. */
    public void hold(long jobId, String adminComment) throws SlurmException {
        int id = jobId(jobId);
        call("hold " + jobId, l -> l.allocd_shim_hold(id, adminComment));
    }

    /** Releases a held job and sets its AdminComment ("" clears it). */
    public void release(long jobId, String adminComment) throws SlurmException {
        int id = jobId(jobId);
        call("release " + jobId, l -> l.allocd_shim_release(id, adminComment));
    }

    /** The account's pending jobs, oldest submit first; account null = every account. */
    public List<PendingJob> pendingJobs(String account) throws SlurmException {
        return PendingJob.parseAll(text("list pending jobs of " + (account == null ? "every account" : account),
                (l, out) -> l.allocd_shim_pending_jobs(account, out)));
    }

    /** The same jobs with what each asks for, to be priced as at submit. */
    public List<PendingRequest> pendingRequests(String account) throws SlurmException {
        return PendingRequest.parseAll(text("list pending requests of " + (account == null ? "every account" : account),
                (l, out) -> l.allocd_shim_pending_requests(account, out)));
    }

    public JobInfo jobInfo(long jobId) throws SlurmException {
        int id = jobId(jobId);
        return JobInfo.parse(text("job info " + jobId, (l, out) -> l.allocd_shim_job_info(id, out)));
    }

    /** Slurm job ids are uint32; JNA passes them as int bits. */
    private static int jobId(long jobId) {
        if (jobId < 1 || jobId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("job id must be 1..4294967295, got " + jobId);
        }
        return (int) jobId;
    }

    private interface TextCall {
        int apply(ShimLibrary lib, PointerByReference out);
    }

    private String text(String what, TextCall fn) throws SlurmException {
        String[] result = new String[1];
        call(what, l -> {
            PointerByReference out = new PointerByReference();
            int rc = fn.apply(l, out);
            if (rc == 0) {
                Pointer p = out.getValue();
                try {
                    result[0] = p.getString(0, "UTF-8");
                } finally {
                    l.allocd_shim_free(p);
                }
            }
            return rc;
        });
        return result[0];
    }

    private void call(String what, ToIntFunction<ShimLibrary> fn) throws SlurmException {
        Future<Integer> f;
        try {
            f = thread.submit(() -> fn.applyAsInt(lib));
        } catch (RejectedExecutionException e) {
            throw new SlurmException(0, what + ": " + QUEUE_CALLS + " libslurm calls already waiting; slurmctld"
                    + " is not answering");
        }
        int rc;
        try {
            rc = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // The native call cannot be interrupted; it finishes (or fails) on its own thread.
            throw new SlurmException(0, what + ": no answer from slurmctld within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            throw new SlurmException(0, what + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlurmException(0, what + ": interrupted");
        }
        if (rc != 0) {
            throw new SlurmException(rc, what + ": " + lib.allocd_shim_strerror(rc));
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (thread.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                lib.allocd_shim_fini();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
