package org.allocd.slurm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.allocd.charge.ChargeCalculator;
import org.allocd.config.ShortFundsMode;
import org.allocd.config.SlurmSettings;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.FundsMoved;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Slurm's view of each account's money in step with the ledger, in the
 * configured short-funds mode. Fed by the ledger ({@link #fundsMoved}) with
 * every rise and fall of an account's available money, and by a periodic
 * {@link #sweep}: HOLD holds the pending jobs the money no longer covers and
 * releases those it covers again (through libslurm); QOS moves the account's
 * QOS GrpTRESMins=billing limit. Callers only queue an account and return: the
 * work runs on one thread of its own, in rounds at least ROUND_GAP_MILLIS
 * apart, each taking every queued account once (coalesced) and at most
 * MAX_ACCOUNTS_PER_ROUND of them. Without Slurm on this machine the component
 * stays off after one log line and the daemon runs on.
 */
public final class ShortFunds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShortFunds.class);
    /** Bounds the queue of accounts; past it, a sweep covers every account. */
    private static final int MAX_QUEUED_ACCOUNTS = 10_000;
    static final int MAX_ACCOUNTS_PER_ROUND = 64;
    /** Coalesces a burst of liens and charges into one Slurm listing per round. */
    static final long ROUND_GAP_MILLIS = 500;
    /** Allocations that start later, waited for in memory; past it (or after a restart) the sweep finds them. */
    private static final int MAX_RISES_AHEAD = 1_000;
    private static final long MOVE_SETTLE_MILLIS = 1_000;
    /** Changed pending jobs waiting for MOVE_SETTLE_MILLIS, in memory; past it a sweep covers them. */
    private static final int MAX_CHANGES_AHEAD = 1_000;

    private final Ledger ledger;
    private final Supplier<ShortFundsMode> mode;
    private final IntSupplier billingPerUnit;
    private final Supplier<ChargeCalculator> prices;
    private final ShimLoader shims;
    private final SlurmSettings slurm;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor worker;
    private final Object lock = new Object();
    /** Account ids waiting for a round; an account queued twice runs once. */
    private final Set<Long> queued = new LinkedHashSet<>();
    private boolean sweepQueued;
    private boolean roundScheduled;
    private int risesAhead;
    private int changesAhead;

    // Touched only on the worker thread.
    private AccountHolds holds;
    private QosSync qos;
    private final Set<ShortFundsMode> off = EnumSet.noneOf(ShortFundsMode.class);
    private boolean shimMissing;
    /** The mode of the last round; null before the first, so a start counts as a switch. */
    private ShortFundsMode settled;
    /** Set by a switch (or the start) until its work is done: QOS set for every account, or QOS limits removed. */
    private boolean switchPending;
    private boolean restoreFailedBefore;

    /** billingPerUnit: qos_billing_per_unit, Slurm's billing of one unit (qos mode). */
    public ShortFunds(Ledger ledger, Supplier<ShortFundsMode> mode, IntSupplier billingPerUnit,
            Supplier<ChargeCalculator> prices, ShimLoader shims, SlurmSettings slurm, Clock clock) {
        this.ledger = ledger;
        this.mode = mode;
        this.billingPerUnit = billingPerUnit;
        this.prices = prices;
        this.shims = shims;
        this.slurm = slurm;
        this.clock = clock;
        this.worker = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "allocd-short-funds");
            t.setDaemon(true);
            return t;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** The ledger's news (on its writer thread): queue the account, or wait for an allocation that starts later. */
    public void fundsMoved(FundsMoved move) {
        long delayMillis = move.atMillis() - clock.millis();
        if (delayMillis <= 0) {
            queue(move.accountId());
            return;
        }
        synchronized (lock) {
            if (risesAhead >= MAX_RISES_AHEAD) {
                return;
            }
            risesAhead++;
        }
        schedule(() -> {
            synchronized (lock) {
                risesAhead--;
            }
            queue(move.accountId());
        }, delayMillis);
    }

    /** After close() the worker takes nothing more: the ledger may still announce the last writes then. */
    private boolean schedule(Runnable task, long delayMillis) {
        try {
            worker.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    private void queue(long accountId) {
        synchronized (lock) {
            if (queued.size() < MAX_QUEUED_ACCOUNTS) {
                queued.add(accountId);
            } else {
                sweepQueued = true;
            }
            scheduleRound(0);
        }
    }

    /**
     * A pending job's account, partition or QOS changed (account: the new one, null when only the partition or
     * QOS did): the pending jobs of its account are priced again a second later, once slurmctld has made the
     * change (it does so after its job_modify plugins answer). Past MAX_CHANGES_AHEAD waiting, a sweep does it.
     */
    public void pendingChanged(long jobId, String account) {
        synchronized (lock) {
            if (changesAhead >= MAX_CHANGES_AHEAD) {
                sweepQueued = true;
                return;
            }
            changesAhead++;
        }
        schedule(() -> {
            synchronized (lock) {
                changesAhead--;
            }
            String name = account != null ? account : slurmAccountOf(jobId);
            if (name != null) {
                ledger.read(view -> view.account(name)).ifPresent(a -> queue(a.id()));
            }
        }, MOVE_SETTLE_MILLIS);
    }

    /** The job's account as Slurm has it (on the worker), or null when Slurm cannot say: the sweep covers it. */
    private String slurmAccountOf(long jobId) {
        if (holds == null) {
            return null;
        }
        try {
            return shims.get().jobInfo(jobId).account();
        } catch (SlurmException e) {
            warn(e, "short funds: the account of job {} was not read, the next sweep prices it: {}", jobId,
                    e.getMessage());
            return null;
        }
    }

    /** Every account, e.g. every 30 s: catches whatever a notice missed (an allocation that started, a restart). */
    public void sweep() {
        synchronized (lock) {
            sweepQueued = true;
            scheduleRound(0);
        }
    }

    private void scheduleRound(long delayMillis) {
        if (!roundScheduled) {
            roundScheduled = schedule(this::round, delayMillis);
        }
    }

    private void round() {
        List<Long> ids = new ArrayList<>();
        boolean all;
        synchronized (lock) {
            all = sweepQueued;
            sweepQueued = false;
            var it = queued.iterator();
            while (it.hasNext() && (all || ids.size() < MAX_ACCOUNTS_PER_ROUND)) {
                ids.add(it.next());
                it.remove();
            }
        }
        try {
            ShortFundsMode now = mode.get();
            if (now != settled) {
                // A switch (or the start) is a sweep with its own work; a failed one is retried at each sweep.
                settled = now;
                switchPending = true;
                all = true;
            }
            if (ready(now)) {
                List<String> again = all ? everyAccount(now) : accounts(now, names(ids));
                again.forEach(name -> ledger.read(v -> v.account(name)).ifPresent(a -> queue(a.id())));
            }
            if (all && switchPending && now == ShortFundsMode.HOLD) {
                restoreQos();
            }
        } finally {
            synchronized (lock) {
                roundScheduled = false;
                if (sweepQueued || !queued.isEmpty()) {
                    scheduleRound(ROUND_GAP_MILLIS);
                }
            }
        }
    }

    private List<String> names(List<Long> ids) {
        List<String> names = new ArrayList<>();
        for (long id : ids) {
            ledger.read(v -> v.accountById(id)).map(Account::name).ifPresent(names::add);
        }
        return names;
    }

    /**
     * Every account with a pending job (and, in qos mode, every allocd QOS; after a start or a switch to qos mode,
     * every account of the bank). Returns the accounts to come back to.
     */
    private List<String> everyAccount(ShortFundsMode now) {
        try {
            if (now == ShortFundsMode.QOS && switchPending) {
                qos.sync(ledger.read(v -> v.accounts()).stream()
                        .filter(a -> a.state() != AccountState.CLOSED).map(Account::name).toList());
                switchPending = false;
            } else if (now == ShortFundsMode.QOS) {
                qos.syncAll();
            }
            return holds == null ? List.of() : reconcile(now, byAccount(holds.pending(null)));
        } catch (SlurmException e) {
            // Expected while slurmctld/slurmdbd restart; the next sweep retries.
            warn(e, "short funds ({}) for every account: {}", now.name().toLowerCase(), e.getMessage());
        } catch (LedgerException e) {
            log.warn("short funds ({}) for every account: {}", now.name().toLowerCase(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("short funds ({}) for every account failed", now.name().toLowerCase(), e);
        }
        return List.of();
    }

    /** These accounts: one Slurm listing for all of them. Returns the accounts to come back to. */
    private List<String> accounts(ShortFundsMode now, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        try {
            if (now == ShortFundsMode.QOS) {
                for (String name : names) {
                    syncQos(name);
                }
            }
            if (holds == null) {
                return List.of();
            }
            Map<String, List<PendingRequest>> pending = byAccount(holds.pending(names.size() == 1 ? names.get(0)
                    : null));
            Map<String, List<PendingRequest>> mine = new LinkedHashMap<>();
            names.forEach(name -> mine.put(name, pending.getOrDefault(name.toLowerCase(), List.of())));
            return reconcile(now, mine);
        } catch (SlurmException e) {
            warn(e, "short funds ({}) for accounts {}: {}", now.name().toLowerCase(), names, e.getMessage());
        } catch (LedgerException e) {
            log.warn("short funds ({}) for accounts {}: {}", now.name().toLowerCase(), names, e.getMessage());
        } catch (RuntimeException e) {
            log.error("short funds ({}) for accounts {} failed", now.name().toLowerCase(), names, e);
        }
        return List.of();
    }

    /**
     * Out of qos mode (a reload, or a start in hold mode): every allocd QOS stops limiting and each account gets
     * its own default QOS back, after the hold pass above has held what the money does not cover. Without
     * slurmdbd there is nothing to undo; a failure is retried at the next sweep.
     */
    private void restoreQos() {
        try {
            SlurmCommand sacctmgr = command("sacctmgr");
            if (sacctmgr.installed()) {
                new QosSync(new QosLimits(sacctmgr, command("scontrol")), ledger, billingPerUnit).restoreAll();
            }
            switchPending = false;
            qos = null;
        } catch (SlurmException e) {
            // Without slurmdbd there is nothing to undo, and this says so once; with it, the next sweep retries.
            if (restoreFailedBefore) {
                log.debug("short funds (hold mode): allocd's QOS not checked: {}", e.getMessage());
            } else {
                log.info("short funds (hold mode): allocd's QOS (of qos mode) not checked, retried at each sweep: {}",
                        e.getMessage());
                restoreFailedBefore = true;
            }
        }
    }

    /** Slurm out of reach is logged once by SlurmShim; a round that meets it again says so only at debug. */
    private static void warn(SlurmException e, String format, Object... args) {
        if (e.unreachable()) {
            log.debug(format, args);
        } else {
            log.warn(format, args);
        }
    }

    private void syncQos(String account) throws SlurmException {
        try {
            qos.sync(account);
        } catch (LedgerException e) {
            log.warn("QOS {} left as it is: {}", QosLimits.qosName(account), e.getMessage());
        }
    }

    private List<String> reconcile(ShortFundsMode now, Map<String, List<PendingRequest>> pending)
            throws SlurmException {
        List<String> again = new ArrayList<>();
        for (Map.Entry<String, List<PendingRequest>> e : pending.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            try {
                // In qos mode Slurm's limit keeps short jobs pending; a job the plugin held still needs its release.
                if (holds.reconcile(e.getKey(), e.getValue(), now == ShortFundsMode.HOLD)) {
                    again.add(e.getKey());
                }
            } catch (LedgerException unknown) {
                // An account Slurm has and the bank does not: nothing of ours to hold or release.
                log.debug("short funds: account {} skipped: {}", e.getKey(), unknown.getMessage());
            }
        }
        return again;
    }

    /** Slurm lower-cases account names. */
    private static Map<String, List<PendingRequest>> byAccount(List<PendingRequest> pending) {
        Map<String, List<PendingRequest>> byAccount = new LinkedHashMap<>();
        for (PendingRequest p : pending) {
            byAccount.computeIfAbsent(p.job().account().toLowerCase(), a -> new ArrayList<>()).add(p);
        }
        return byAccount;
    }

    /** Loads what the mode needs the first time; a mode that cannot work is off with one log line. */
    private boolean ready(ShortFundsMode now) {
        if (off.contains(now)) {
            return false;
        }
        try {
            if (now == ShortFundsMode.QOS && qos == null) {
                SlurmCommand sacctmgr = command("sacctmgr");
                SlurmCommand scontrol = command("scontrol");
                if (!sacctmgr.installed() || !scontrol.installed()) {
                    throw new SlurmException(0, "no executable sacctmgr or scontrol in " + slurm.binDir());
                }
                qos = new QosSync(new QosLimits(sacctmgr, scontrol), ledger, billingPerUnit);
            }
            if (holds == null && !shimMissing) {
                loadShim(now);
            } else if (holds == null && now == ShortFundsMode.HOLD) {
                throw new SlurmException(0, "libslurmshim did not load (see the earlier log line)");
            }
            return now == ShortFundsMode.QOS || holds != null;
        } catch (SlurmException e) {
            off.add(now);
            log.info("short funds ({} mode) off, jobs are not held or released for money automatically: {}",
                    now.name().toLowerCase(), e.getMessage());
            return false;
        }
    }

    private SlurmCommand command(String name) {
        return new SlurmCommand(slurm.command(name), slurm.slurmConf(), slurm.timeoutMillis());
    }

    private void loadShim(ShortFundsMode now) throws SlurmException {
        try {
            holds = new AccountHolds(shims.get(), ledger, prices);
        } catch (SlurmException e) {
            shimMissing = true;
            if (now == ShortFundsMode.HOLD) {
                throw e;
            }
            log.info("short funds (qos mode) on; jobs the job_submit plugin held are not released: {}",
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(slurm.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
