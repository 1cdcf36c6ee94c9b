package org.allocd.slurm;

import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import org.allocd.charge.EndState;
import org.allocd.charge.JobUsage;
import org.allocd.config.SlurmSettings;
import org.allocd.jobs.JobAccounting;
import org.allocd.jobs.JobKey;
import org.allocd.ledger.Account;
import org.allocd.ledger.Job;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves liens past their expiry (time limit + lien_grace_seconds, the
 * job's end never reached the bank) against Slurm's own record, once each:
 * a job Slurm saw end is charged what it used by Slurm's start and end, with
 * the epilog's own key, so a late epilog or a second run changes nothing; a
 * job Slurm still runs keeps its lien a while longer; a job Slurm has no run
 * of (no record, or pending again) has its lien released with a journal note
 * saying why. While Slurm does not answer, a lien waits, at most
 * MAX_WAIT_MILLIS past its expiry, then it is released with a note.
 */
public final class LienReconciler {
    private static final Logger log = LoggerFactory.getLogger(LienReconciler.class);
    private static final String ACTOR = "allocd";
    /** Liens looked at per run; the rest wait for the next run (a minute later). */
    static final int BATCH = 100;
    static final long MAX_WAIT_MILLIS = 3_600_000;
    /** A running job past its expiry is looked at again no sooner than this. */
    static final long EXTEND_SECONDS = 300;

    private final Ledger ledger;
    private final JobAccounting jobs;
    private final String cluster;
    private final ShimLoader shims;
    private final SlurmSettings slurm;
    private final Clock clock;
    private final LongSupplier graceSeconds;
    private JobRecords records;
    private volatile ReconcileRun lastRun;

    private enum Outcome { CHARGED, RELEASED, EXTENDED, WAITING, SETTLED_MEANWHILE }

    public LienReconciler(Ledger ledger, JobAccounting jobs, String cluster, ShimLoader shims, SlurmSettings slurm,
            Clock clock, LongSupplier graceSeconds) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.cluster = cluster;
        this.shims = shims;
        this.slurm = slurm;
        this.clock = clock;
        this.graceSeconds = graceSeconds;
    }

    /**
     * Resolves up to BATCH expired liens. Returns false when Slurm cannot be
     * reached from this machine at all (no libslurmshim): the caller then
     * expires liens without asking, as a bank without Slurm must.
     */
    public boolean reconcile() {
        long nowMillis = clock.millis();
        try {
            if (records == null) {
                records = new JobRecords(shims.get(), new SlurmCommand(slurm.command("sacct"), slurm.slurmConf(),
                        slurm.timeoutMillis()), ZoneId.systemDefault());
            }
        } catch (SlurmException e) {
            lastRun = new ReconcileRun(nowMillis, false, 0, 0, 0, 0, 0);
            return false;
        }
        List<Job> expired = ledger.read(view -> view.openLiensExpiredBy(nowMillis, BATCH));
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (Job job : expired) {
            Outcome outcome;
            try {
                outcome = resolve(job, nowMillis);
            } catch (SlurmException e) {
                if (nowMillis - job.lienExpiresAtMillis() < MAX_WAIT_MILLIS) {
                    if (!e.unreachable()) {
                        log.warn("lien of job {} past its expiry waits: Slurm did not answer: {}", job.jobKey(),
                                e.getMessage());
                    }
                    outcomes.merge(Outcome.WAITING, expired.size() - expired.indexOf(job), Integer::sum);
                    break;
                }
                outcome = release(job, "released: Slurm did not answer about the job for "
                        + MAX_WAIT_MILLIS / 60_000 + " minutes past its time limit + grace (" + e.getMessage() + ")");
            } catch (LedgerException | CompletionException e) {
                // Resolved meanwhile (its epilog came) or refused: the ledger said why; the next run looks again.
                log.info("lien of job {} past its expiry: {}", job.jobKey(), e.getMessage());
                outcome = Outcome.SETTLED_MEANWHILE;
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        lastRun = new ReconcileRun(nowMillis, true, expired.size(), outcomes.getOrDefault(Outcome.CHARGED, 0),
                outcomes.getOrDefault(Outcome.RELEASED, 0), outcomes.getOrDefault(Outcome.EXTENDED, 0),
                outcomes.getOrDefault(Outcome.WAITING, 0));
        return true;
    }

    /** What the last run did; empty until the first run. */
    public Optional<ReconcileRun> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    private Outcome resolve(Job job, long nowMillis) throws SlurmException {
        Optional<JobKey> key = JobKey.parse(job.jobKey()).filter(k -> k.cluster().equals(cluster));
        if (key.isEmpty()) {
            return release(job, "expired: not a job of cluster " + cluster + ", and its end never came");
        }
        SlurmRecord record = records.find(key.get().jobId());
        Long startedAtMillis = ledger.read(view -> view.jobRecord(job.jobKey())).map(r -> r.times().startedAtMillis())
                .orElse(null);
        if (startedAtMillis != null && record.kind() != SlurmRecord.Kind.NONE
                && Math.abs(record.startEpochSeconds() - startedAtMillis / 1000) > 1) {
            return chargeRequeuedRun(job, key.get(), record, startedAtMillis);
        }
        return switch (record.kind()) {
            case ENDED -> charge(job, key.get(), record);
            case ACTIVE -> {
                long extendSeconds = Math.max(EXTEND_SECONDS, graceSeconds.getAsLong());
                ledger.apply(new Operation.AdjustLien(job.jobKey() + ":extend:" + nowMillis, ACTOR, job.jobKey(),
                        job.lienMicroSu(), extendSeconds));
                log.info("job {} is still {} in Slurm past its time limit + grace; its lien stays {} s more",
                        job.jobKey(), record.state(), extendSeconds);
                yield Outcome.EXTENDED;
            }
            case NO_RUN -> release(job, "released: Slurm shows the job " + record.state()
                    + " with no run to charge, and its end never reached the bank");
            case NONE -> release(job, "released: Slurm has no record of the job, and its end never reached the bank");
        };
    }

    private Outcome charge(Job job, JobKey key, SlurmRecord record) {
        String account = ledger.read(view -> view.accountById(job.accountId())).map(Account::name).orElseThrow();
        String request = ledger.read(view -> view.jobRequest(job.jobKey())).orElse(null);
        if (request == null) {
            return release(job, "released: Slurm saw the job end (" + record.state() + ") but the bank has no request"
                    + " to price it from");
        }
        String note = "from Slurm's record (its epilog never came): elapsed " + record.elapsedSeconds() + " s, "
                + record.state();
        jobs.chargeFromRecord(key, job.userName(), account, request,
                new JobUsage(record.elapsedSeconds(), JobUsage.CPU_SECONDS_UNKNOWN,
                        EndState.parse(record.state()).map(s -> !s.failed()).orElse(false)),
                note).join();
        return Outcome.CHARGED;
    }

    /**
     * Slurm's record is of a later run (or of the job pending again): this run was requeued and its
     * epilog never came. Slurm gave the job a new submit time when it requeued it, which is this
     * run's end; its own start is the one its lien recorded. Never the later run's times.
     */
    private Outcome chargeRequeuedRun(Job job, JobKey key, SlurmRecord record, long startedAtMillis) {
        long endMillis = record.submitEpochSeconds() * 1000;
        if (endMillis < startedAtMillis) {
            return release(job, "released: Slurm's record is of another run of the job (" + record.state()
                    + ") and this run's end is not known");
        }
        String account = ledger.read(view -> view.accountById(job.accountId())).map(Account::name).orElseThrow();
        jobs.chargeRequeuedRun(key, account, endMillis, null,
                "from Slurm's record of the next run (its epilog never came)").join();
        return Outcome.CHARGED;
    }

    private Outcome release(Job job, String note) {
        ledger.apply(new Operation.ReleaseLien(job.jobKey() + ":expire", ACTOR, job.jobKey(), note));
        return Outcome.RELEASED;
    }
}
