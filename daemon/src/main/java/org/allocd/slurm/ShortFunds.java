package org.allocd.slurm;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.allocd.config.ShortFundsMode;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets an account's pending jobs start once money arrives, in the configured
 * short-funds mode: HOLD releases the jobs allocd held through libslurm, QOS
 * raises the account's QOS GrpTRESMins=billing limit. accountFunded() and
 * sweep() only queue work and return at once, so any thread may call them;
 * the work runs on one thread of its own. Without Slurm on this machine the
 * component stays off after one log line and the daemon runs on.
 */
public final class ShortFunds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShortFunds.class);
    public static final long CALL_TIMEOUT_MILLIS = 5_000;
    /** A sweep may cost several Slurm calls per account; keep the queue of accounts bounded. */
    private static final int MAX_QUEUED_ACCOUNTS = 10_000;

    /** -Dallocd.slurmconf=PATH: the slurm.conf to use instead of SLURM_CONF or Slurm's default. */
    public static final String SLURM_CONF_PROPERTY = "allocd.slurmconf";

    /** Where the Slurm parts are; slurmConf empty = SLURM_CONF or Slurm's default. */
    public record Paths(Path shimLibrary, Optional<Path> slurmConf, Path sacctmgr, Path scontrol) {
        public static Paths defaults() {
            String conf = System.getProperty(SLURM_CONF_PROPERTY);
            return new Paths(SlurmShim.configuredPath(),
                    conf == null || conf.isBlank() ? Optional.empty() : Optional.of(Path.of(conf)),
                    Path.of("/usr/bin/sacctmgr"), Path.of("/usr/bin/scontrol"));
        }
    }

    private final Ledger ledger;
    private final Supplier<ShortFundsMode> mode;
    private final Paths paths;
    private final ExecutorService worker;
    private final Object lock = new Object();
    /** Accounts waiting for a round; a name queued twice runs once. */
    private final Set<String> queued = new LinkedHashSet<>();
    private boolean sweepQueued;
    private boolean drainScheduled;

    // Touched only on the worker thread (shim is also read by shim()).
    private volatile SlurmShim shim;
    private HoldReleaser hold;
    private QosSync qos;
    private final Set<ShortFundsMode> off = java.util.EnumSet.noneOf(ShortFundsMode.class);
    private boolean shimMissing;

    public ShortFunds(Ledger ledger, Supplier<ShortFundsMode> mode, Paths paths) {
        this.ledger = ledger;
        this.mode = mode;
        this.paths = paths;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "allocd-short-funds");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Money arrived on the account (deposit, transfer in, refund, positive
     * adjust) or left it: let its held jobs start, or move its QOS limit.
     */
    public void accountFunded(String account) {
        synchronized (lock) {
            if (queued.size() < MAX_QUEUED_ACCOUNTS) {
                queued.add(account);
            } else {
                sweepQueued = true;
            }
            scheduleDrain();
        }
    }

    /** Every account, e.g. every 30 s: catches charges, expiries and anything a funding call missed. */
    public void sweep() {
        synchronized (lock) {
            sweepQueued = true;
            scheduleDrain();
        }
    }

    private void scheduleDrain() {
        if (!drainScheduled) {
            drainScheduled = true;
            worker.execute(this::drain);
        }
    }

    private void drain() {
        Set<String> accounts;
        boolean all;
        synchronized (lock) {
            accounts = new LinkedHashSet<>(queued);
            queued.clear();
            all = sweepQueued;
            sweepQueued = false;
            drainScheduled = false;
        }
        ShortFundsMode now = mode.get();
        if (!ready(now)) {
            return;
        }
        if (all) {
            run(now, null);
        } else {
            accounts.forEach(a -> run(now, a));
        }
    }

    private void run(ShortFundsMode now, String account) {
        String what = account == null ? "every account" : "account " + account;
        try {
            if (now == ShortFundsMode.QOS) {
                if (account == null) {
                    qos.syncAll();
                } else {
                    qos.sync(account);
                }
            }
            // In qos mode too: a job the job_submit plugin held still needs its release, and then waits on the QOS.
            if (hold != null) {
                if (account == null) {
                    hold.reconcileAll();
                } else {
                    hold.reconcile(account);
                }
            }
        } catch (SlurmException | LedgerException e) {
            // Expected while slurmctld/slurmdbd restart; the next sweep retries.
            log.warn("short funds ({}) for {}: {}", now.name().toLowerCase(), what, e.getMessage());
        } catch (RuntimeException e) {
            log.error("short funds ({}) for {} failed", now.name().toLowerCase(), what, e);
        }
    }

    /** Loads what the mode needs the first time; a mode that cannot work is off with one log line. */
    private boolean ready(ShortFundsMode now) {
        if (off.contains(now)) {
            return false;
        }
        try {
            if (now == ShortFundsMode.QOS && qos == null) {
                SlurmCommand sacctmgr = new SlurmCommand(paths.sacctmgr(), paths.slurmConf(), CALL_TIMEOUT_MILLIS);
                SlurmCommand scontrol = new SlurmCommand(paths.scontrol(), paths.slurmConf(), CALL_TIMEOUT_MILLIS);
                if (!sacctmgr.installed() || !scontrol.installed()) {
                    throw new SlurmException(0, "no executable " + paths.sacctmgr() + " or " + paths.scontrol());
                }
                qos = new QosSync(new QosLimits(sacctmgr, scontrol), ledger);
            }
            if (hold == null && !shimMissing) {
                loadShim(now);
            } else if (hold == null && now == ShortFundsMode.HOLD) {
                throw new SlurmException(0, "libslurmshim did not load (see the earlier log line)");
            }
            return now == ShortFundsMode.QOS || hold != null;
        } catch (SlurmException e) {
            off.add(now);
            log.info("short funds ({} mode) off, jobs held for money are not released automatically: {}",
                    now.name().toLowerCase(), e.getMessage());
            return false;
        }
    }

    private void loadShim(ShortFundsMode now) throws SlurmException {
        try {
            shim = SlurmShim.load(paths.shimLibrary(), paths.slurmConf(), CALL_TIMEOUT_MILLIS);
            hold = new HoldReleaser(shim, ledger);
        } catch (SlurmException e) {
            shimMissing = true;
            if (now == ShortFundsMode.HOLD) {
                throw e;
            }
            log.info("short funds (qos mode) on; jobs the job_submit plugin held are not released: {}",
                    e.getMessage());
        }
    }

    /** The shim once the worker loaded it, for read-only calls of others (SlurmShim serializes every call). */
    public Optional<SlurmShim> shim() {
        return Optional.ofNullable(shim);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shim != null) {
            shim.close();
        }
    }
}
