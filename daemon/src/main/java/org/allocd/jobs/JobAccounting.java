package org.allocd.jobs;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;
import org.allocd.charge.ChargeCalculator;
import org.allocd.charge.EndState;
import org.allocd.charge.JobRequest;
import org.allocd.charge.JobUsage;
import org.allocd.charge.Meter;
import org.allocd.charge.Quote;
import org.allocd.fallback.FallbackAccounts;
import org.allocd.ledger.FundsCheck;
import org.allocd.ledger.JobArray;
import org.allocd.ledger.JobTimes;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Refusal;
import org.allocd.rates.RateBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Slurm job's life in the bank: quoted at submit, liened at start, charged
 * at the end, re-liened when its time limit changes. Each event is keyed by
 * the job's run and the event, so a replayed hook changes nothing.
 */
public final class JobAccounting {
    private static final Logger log = LoggerFactory.getLogger(JobAccounting.class);
    private static final String ACTOR = "slurm";
    private static final FallbackAccounts FALLBACKS = new FallbackAccounts();

    private final Ledger ledger;
    private final RateBook rates;
    private final Supplier<Long> lienGraceSeconds;
    private final BooleanSupplier holdShortJobs;
    private final List<ObjLongConsumer<String>> changeListeners = new CopyOnWriteArrayList<>();

    /**
     * rates: the current version prices quotes and liens, a lien's own version its charge. grace is a
     * supplier because a config reload may change it. holdShortJobs: true where allocd holds jobs the account cannot pay yet
     * (short_funds_mode = hold); false where Slurm's own per-account QOS limit
     * makes them pend (qos), so they are accepted and Slurm shows the reason.
     */
    public JobAccounting(Ledger ledger, RateBook rates, Supplier<Long> lienGraceSeconds,
            BooleanSupplier holdShortJobs) {
        this.ledger = ledger;
        this.rates = rates;
        this.lienGraceSeconds = lienGraceSeconds;
        this.holdShortJobs = holdShortJobs;
    }

    /**
     * Tells listener of an accepted requote: the job id and the account it was moved to (null when only its
     * partition or QOS changed), so that its account's pending jobs are priced again; called on the caller's
     * thread, so it must only hand the news over.
     */
    public void onPendingChanged(ObjLongConsumer<String> listener) {
        changeListeners.add(listener);
    }

    /** The submit-time decision. account null = the user's default account. */
    public QuoteAnswer quote(String user, String account, JobRequest request) {
        try {
            Quote quote = rates.calculator().quote(request);
            FundsCheck check = ledger.checkFunds(account, user, quote.amountMicroSu());
            if (check.verdict() != FundsCheck.Verdict.FITS) {
                var fallback = FALLBACKS.offer(ledger, check.account(), quote.amountMicroSu());
                if (fallback.isPresent()) {
                    return new QuoteAnswer(QuoteAnswer.Verdict.ACCEPT, fallback.get().account(), quote.amountMicroSu(),
                            check.message() + "; the job is charged to fallback account " + fallback.get().account()
                                    + (fallback.get().qos() == null ? "" : " with QOS " + fallback.get().qos()),
                            check.account(), fallback.get().qos());
                }
            }
            return answer(check, quote);
        } catch (LedgerException | IllegalArgumentException | ArithmeticException e) {
            return new QuoteAnswer(QuoteAnswer.Verdict.REJECT, account, 0, e.getMessage());
        }
    }

    /**
     * quote() from the rows the ledger keeps in memory, on the caller's thread
     * and without waiting: empty unless the job fits its account, so every
     * refusal, hold and fallback is still decided by quote() on the database.
     */
    public Optional<QuoteAnswer> quoteInMemory(String user, String account, JobRequest request) {
        try {
            Quote quote = rates.calculator().quote(request);
            return ledger.checkFundsInMemory(account, user, quote.amountMicroSu())
                    .filter(check -> check.verdict() == FundsCheck.Verdict.FITS)
                    .map(check -> answer(check, quote));
        } catch (RuntimeException e) {
            return Optional.empty(); // quote() meets the same problem and says it
        }
    }

    private QuoteAnswer answer(FundsCheck check, Quote quote) {
        return switch (check.verdict()) {
            case FITS -> new QuoteAnswer(QuoteAnswer.Verdict.ACCEPT, check.account(), quote.amountMicroSu(),
                    "job will hold " + MicroSu.format(quote.amountMicroSu()) + " SU of " + check.account()
                            + " (" + quote + ")");
            case SHORT_NOW -> new QuoteAnswer(holdShortJobs.getAsBoolean() ? QuoteAnswer.Verdict.HOLD
                    : QuoteAnswer.Verdict.ACCEPT, check.account(), quote.amountMicroSu(),
                    "QOSGrpBillingMinutes: " + check.message());
            case NEVER -> new QuoteAnswer(QuoteAnswer.Verdict.REJECT, check.account(), quote.amountMicroSu(),
                    check.message());
        };
    }

    /**
     * The job started: hold its cost at the time limit until it ends. account
     * null = the user's default account (a job let through while allocd was away).
     */
    public CompletableFuture<OpResult> lien(JobKey key, String user, String account, JobRequest request) {
        return lien(key, user, account, request, JobTimes.NONE);
    }

    /**
     * As lien, recording the job's Slurm times (submit, start) for reports. A job has one open lien: an
     * earlier run whose end never reached the bank (its epilog spooled or lost) is charged first, up to
     * the moment Slurm requeued it, which is the submit time Slurm gives the run starting now.
     */
    public CompletableFuture<OpResult> lien(JobKey key, String user, String account, JobRequest request,
            JobTimes times) {
        return lien(key, user, account, request, times, null);
    }

    /** As lien, for an element of a Slurm array (array null: none). */
    public CompletableFuture<OpResult> lien(JobKey key, String user, String account, JobRequest request,
            JobTimes times, JobArray array) {
        String billed = orDefault(user, account);
        IntFunction<Operation.PlaceLien> placeAt = version -> {
            Quote quote = calculator(version).quote(request);
            return new Operation.PlaceLien(key.event("lien"), ACTOR, key.text(), billed, user, quote.amountMicroSu(),
                    lienSeconds(quote), JobRequests.toText(request), times, version, array);
        };
        Operation.PlaceLien place = placeAt.apply(rates.current().version());
        // A first run (restart 0) has no earlier run to settle, so it needs no read before its write.
        Optional<Ledger.OpenLien> earlier = key.restart() == 0 ? Optional.empty()
                : ledger.openLienOf(key.jobPrefix()).filter(open -> restart(open) < key.restart());
        if (earlier.isEmpty()) {
            return submitPriced(place, placeAt);
        }
        Long requeuedAt = times.submittedAtMillis() != null ? times.submittedAtMillis() : times.startedAtMillis();
        return chargeRun(earlier.get(), account, requeuedAt, null,
                "ended by requeue; its end came with the start of run " + key.restart())
                .handle((settled, failure) -> {
                    if (failure != null) {
                        log.warn("run {} left open beside run {}: {}", earlier.get().job().jobKey(), key.text(),
                                (failure.getCause() != null ? failure.getCause() : failure).getMessage());
                    }
                    return null;
                }).thenCompose(ignored -> submitPriced(place, placeAt));
    }

    /**
     * Submits op, priced at the current rates. A job the bank already priced at other rates (its lien's, so a
     * reload never reprices a running job and a retried event is priced as the first time) is priced again at
     * those: the writer checks this in its transaction, so the common case reads nothing before its write.
     */
    private <T extends Operation.Priced> CompletableFuture<OpResult> submitPriced(T op, IntFunction<T> pricedAt) {
        return ledger.submitPriced(op).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return cause instanceof Ledger.PricedAtOtherRates other
                    ? ledger.submitPriced(pricedAt.apply(other.rateVersion()))
                    : CompletableFuture.failedFuture(failure);
        });
    }

    /**
     * A run ended by requeue (scontrol requeue or requeuehold, preemption with requeue, a node failure):
     * when its epilog runs Slurm already shows the job pending, without the run's times. The run is
     * charged for the time from the start its lien recorded to endMillis (when it ended); a run with no
     * open lien has nothing to charge (the prolog refused its lien, or the next run's lien settled it).
     */
    public CompletableFuture<OpResult> chargeRequeuedRun(JobKey run, String account, long endMillis,
            EndState state, String note) {
        Optional<Ledger.OpenLien> open = ledger.openLienOf(run.jobPrefix())
                .filter(lien -> lien.job().jobKey().equals(run.text()));
        if (open.isEmpty()) {
            return CompletableFuture.completedFuture(new OpResult(run.event("charge"), 0, "run " + run.text()
                    + " has no open lien: nothing to charge", false));
        }
        return chargeRun(open.get(), account, endMillis, state, note);
    }

    /** Charges an open run from the start its lien recorded to endMillis (null or unknown start: nothing ran). */
    private CompletableFuture<OpResult> chargeRun(Ledger.OpenLien run, String account, Long endMillis, EndState state,
            String note) {
        Optional<JobKey> key = JobKey.parse(run.job().jobKey());
        if (key.isEmpty() || run.request() == null) {
            return CompletableFuture.failedFuture(new LedgerException(Refusal.CONFLICT, "run " + run.job().jobKey()
                    + " has no recorded request to price it from; its lien expires on its own"));
        }
        Long startedAt = run.times().startedAtMillis();
        long elapsedSeconds = startedAt == null || endMillis == null ? 0 : Math.max(0, endMillis - startedAt) / 1000;
        EndState ended = state == null ? EndState.REQUEUED : state;
        JobUsage usage = new JobUsage(elapsedSeconds, JobUsage.CPU_SECONDS_UNKNOWN, !ended.failed());
        return charge(key.get(), run.job().userName(), account, JobRequests.fromText(run.request()), usage,
                "elapsed " + elapsedSeconds + " s, " + note + ", " + ended, new JobTimes(null, null, endMillis), ended);
    }

    private static int restart(Ledger.OpenLien open) {
        return JobKey.parse(open.job().jobKey()).map(JobKey::restart).orElse(Integer.MAX_VALUE);
    }

    /** The job ended: charge what it used and release its lien. account null = as for lien. */
    public CompletableFuture<OpResult> charge(JobKey key, String user, String account, JobRequest request,
            JobUsage usage, String note) {
        return charge(key, user, account, request, usage, note, JobTimes.NONE);
    }

    /** As charge, recording the job's Slurm times (submit, start, end) for reports. */
    public CompletableFuture<OpResult> charge(JobKey key, String user, String account, JobRequest request,
            JobUsage usage, String note, JobTimes times) {
        return charge(key, user, account, request, usage, note, times, null);
    }

    /** As charge, with how Slurm says the run ended (null when the hook did not say). */
    public CompletableFuture<OpResult> charge(JobKey key, String user, String account, JobRequest request,
            JobUsage usage, String note, JobTimes times, EndState endState) {
        return charge(key, user, account, request, usage, note, times, endState, null);
    }

    /** As charge, for an element of a Slurm array (array null: none, or recorded by its lien). */
    public CompletableFuture<OpResult> charge(JobKey key, String user, String account, JobRequest request,
            JobUsage usage, String note, JobTimes times, EndState endState, JobArray array) {
        String billed = orDefault(user, account);
        IntFunction<Operation.ChargeJob> chargeAt = version -> new Operation.ChargeJob(key.event("charge"), ACTOR,
                key.text(), billed, user, calculator(version).chargeMicroSu(request, usage), note,
                JobRequests.toText(request), times, endState == null ? null : endState.name(), version, array);
        return submitPriced(chargeAt.apply(rates.current().version()), chargeAt);
    }

    /** The meter a job's charge is booked to, by today's rates of its partition. */
    public Meter meter(JobRequest request) {
        return rates.calculator().meter(request);
    }

    /**
     * A job whose end never reached the bank, settled from Slurm's own record
     * as its epilog would have been (the same key, so a late epilog changes
     * nothing). storedRequest is what its lien was priced from.
     */
    public CompletableFuture<OpResult> chargeFromRecord(JobKey key, String user, String account, String storedRequest,
            JobUsage usage, String note) {
        return charge(key, user, account, JobRequests.fromText(storedRequest), usage, note);
    }

    /**
     * The rate version a running job's new time limit is priced at, by the rule Ledger.submitPriced checks for
     * its lien and charge: the one its lien recorded, so a reload never
     * reprices a running job and a retried hook event is priced as it was the first time; the current one for a
     * job new to the bank; 0 for a job recorded before rates were versioned (priced at the current rates and
     * sent as 0, as the allocd that recorded it sent it).
     */
    private int pricedVersion(String jobKey) {
        return ledger.read(view -> view.job(jobKey).map(job -> view.jobRateVersion(jobKey).orElse(0)))
                .orElseGet(() -> rates.current().version());
    }

    private ChargeCalculator calculator(int rateVersion) {
        return (rateVersion > 0 ? rates.version(rateVersion) : rates.current()).calculator();
    }

    private String orDefault(String user, String account) {
        return account == null || account.isBlank() ? ledger.defaultAccount(user) : account;
    }

    /**
     * A job's time limit changed. Slurm tells only the new limit, so the
     * running run's lien is re-priced from the request it was placed with; a
     * job with no open lien (still pending) has nothing to adjust.
     */
    public CompletableFuture<OpResult> modify(String cluster, long jobId, long timeLimitSeconds) {
        Ledger.OpenLien open = ledger.openLienOf(new JobKey(cluster, jobId, 0).jobPrefix()).orElseThrow(() -> new LedgerException(Refusal.UNKNOWN_JOB,
                "job " + cluster + "/" + jobId + " has no open lien (still pending: the new limit is priced at start)"));
        if (open.request() == null) {
            throw new LedgerException(Refusal.CONFLICT, "job " + open.job().jobKey()
                    + " has no recorded request to re-price; its lien stays as it is");
        }
        Quote quote = calculator(pricedVersion(open.job().jobKey())).quote(JobRequests.withTimeLimit(
                JobRequests.fromText(open.request()), timeLimitSeconds));
        return ledger.submit(new Operation.AdjustLien(open.job().jobKey() + ":modify:" + quote.secondsCharged(), ACTOR,
                open.job().jobKey(), quote.amountMicroSu(), lienSeconds(quote)));
    }

    /**
     * A pending job's account, partition or QOS changed (scontrol update, by its user or an admin). user is who
     * asked (null: root or SlurmUser); moving the job to account (null: unchanged) needs what a submit to it
     * needs: a member, an account that takes jobs, else the change is refused (LedgerException with the reason
     * the user sees). Slurm tells only what changed, so the price is checked where the whole job is known: the
     * short-funds round reads it from Slurm and holds it if its account cannot pay, and its start is liened.
     */
    public OpResult requote(JobKey job, String user, String account) {
        String change = "job " + job.jobId() + (account == null ? "" : " to account " + account);
        if (account != null && user != null) {
            try {
                ledger.checkFunds(account, user, 0);
            } catch (LedgerException refused) {
                log.info("refused to move {} for {}: {}", change, user, refused.getMessage());
                throw refused;
            }
        }
        log.info("{} changed by {}: priced by the next short-funds round and at its start", change,
                user == null ? "an admin" : user);
        changeListeners.forEach(listener -> listener.accept(account, job.jobId()));
        return new OpResult(job.event("requote"), 0, change + " accepted; it is priced again before it starts",
                false);
    }

    /** A job that never reports its end gives its lien back after its time limit and a grace period. */
    private long lienSeconds(Quote quote) {
        return quote.secondsCharged() + lienGraceSeconds.get();
    }
}
