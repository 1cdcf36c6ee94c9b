package org.allocd.ledger;

import java.util.List;
import org.allocd.ledger.Funds.Slice;
import org.allocd.ledger.Operation.AdjustLien;
import org.allocd.ledger.Operation.ChargeJob;
import org.allocd.ledger.Operation.ExpireLiens;
import org.allocd.ledger.Operation.PlaceLien;
import org.allocd.ledger.Operation.Refund;
import org.allocd.ledger.Operation.ReleaseLien;

/**
 * A job's money: a lien reserves funds while it runs and resolves exactly
 * once, charged (in full or part, the rest released), released or expired.
 */
final class LienBook {
    /** Bounds one expiry run; the next run takes the rest. */
    static final int EXPIRE_BATCH = 1000;
    static final long MAX_LIEN_SECONDS = 10L * 366 * 24 * 3600;

    private LienBook() {}

    static OpResult place(Posting p, PlaceLien op) {
        String jobKey = Checks.key("job key", op.jobKey());
        long amount = Checks.notNegative("lien", op.amountMicroSu());
        Account account = FundsRule.takingJobs(Lookup.account(p.tx, op.account()));
        User user = Lookup.user(p.tx, op.user());
        Membership own = p.tx.membership(user.id(), account.id()).orElse(null);
        Account requested = own == null ? p.covering.coveredBy(p.tx, user, account).orElse(null) : null;
        Membership membership = own != null ? own
                : Lookup.membership(p.tx, user, requested == null ? account : requested);
        Job previous = p.tx.job(jobKey).orElse(null);
        if (previous != null && (previous.lienState() == LienState.OPEN || previous.charged())) {
            throw new LedgerException(Refusal.CONFLICT, "job " + jobKey + " already has "
                    + (previous.charged() ? "been charged" : "an open lien"));
        }
        requireSameAccount(previous, account);
        try {
            FundsRule.require(p.tx, account, membership, user.name(), amount, p.nowMillis);
        } catch (LedgerException shortFunds) {
            // The fallback is looked up only on this path, so a funded job costs no extra read.
            Account fallback = shortFunds.refusal() != Refusal.INSUFFICIENT_FUNDS || requested != null ? null
                    : p.covering.covering(p.tx, account, amount, p.nowMillis).orElse(null);
            if (fallback == null) {
                throw shortFunds;
            }
            requested = account;
            account = fallback;
            requireSameAccount(previous, account);
            FundsRule.require(p.tx, account, membership, user.name(), amount, p.nowMillis);
        }
        Job job = new Job(jobKey, account.id(), user.name(), LienState.OPEN, amount,
                expiresAtMillis(p, op.expiresAfterSeconds()), false, 0, 0);
        String request = jobRequest(op.request());
        if (previous == null) {
            p.tx.insertJob(job, request, op.rateVersion(), p.nowMillis);
        } else {
            p.tx.updateJob(job, p.nowMillis);
            if (request != null) {
                p.tx.setJobRequest(jobKey, request);
            }
            if (op.rateVersion() > 0) {
                p.tx.setJobRateVersion(jobKey, op.rateVersion());
            }
        }
        if (requested != null) {
            p.tx.setJobRequestedAccount(jobKey, requested.name());
        }
        setTimes(p, jobKey, op.times());
        setArray(p, jobKey, op.array());
        String fallback = requested == null ? "" : " (fallback of " + requested.name() + ")";
        p.lien(JournalKind.LIEN, account.id(), user.name(), jobKey, amount, "lien for job " + jobKey
                + element(op.array()) + fallback + atRates(op.rateVersion()));
        return new OpResult(op.opKey(), amount, "liened " + MicroSu.format(amount) + " SU on " + account.name()
                + fallback + " for job " + jobKey + " of " + user.name(), false);
    }

    private static void requireSameAccount(Job previous, Account account) {
        if (previous != null && previous.accountId() != account.id()) {
            throw new LedgerException(Refusal.CONFLICT, "job " + previous.jobKey() + " is recorded on another account");
        }
    }

    /** A lien lives at most ten years; anything longer is a mistake in the request. */
    private static long expiresAtMillis(Posting p, long expiresAfterSeconds) {
        if (expiresAfterSeconds < 0 || expiresAfterSeconds > MAX_LIEN_SECONDS) {
            throw Checks.invalid("a lien must expire within 0 to " + MAX_LIEN_SECONDS + " seconds, got "
                    + expiresAfterSeconds);
        }
        return p.nowMillis + expiresAfterSeconds * 1000;
    }

    static OpResult adjust(Posting p, AdjustLien op) {
        Job job = openLien(p, op.jobKey());
        long amount = Checks.notNegative("lien", op.amountMicroSu());
        long delta = amount - job.lienMicroSu();
        Account account = p.tx.accountById(job.accountId()).orElseThrow();
        if (delta > 0) {
            if (account.state() != AccountState.ACTIVE) {
                throw new LedgerException(Refusal.ACCOUNT_FROZEN, "account '" + account.name() + "' is "
                        + account.state().sqlName() + "; a job on it cannot get a longer time limit");
            }
            User user = Lookup.user(p.tx, job.userName());
            // A job its fallback pays for is its user's through the account it asked for.
            Account memberOf = p.tx.requestedAccount(job.jobKey()).flatMap(p.tx::account).orElse(account);
            FundsRule.require(p.tx, account, Lookup.membership(p.tx, user, memberOf), user.name(), delta, p.nowMillis);
        }
        p.tx.updateJob(new Job(job.jobKey(), job.accountId(), job.userName(), LienState.OPEN, amount,
                expiresAtMillis(p, op.expiresAfterSeconds()), false, 0, 0), p.nowMillis);
        if (delta != 0) {
            p.lien(delta > 0 ? JournalKind.LIEN : JournalKind.RELEASE, account.id(), job.userName(), job.jobKey(),
                    delta, "lien of job " + job.jobKey() + " now " + MicroSu.format(amount) + " SU");
        }
        return new OpResult(op.opKey(), amount, "lien of job " + job.jobKey() + " is " + MicroSu.format(amount)
                + " SU", false);
    }

    static OpResult charge(Posting p, ChargeJob op) {
        String jobKey = Checks.key("job key", op.jobKey());
        long amount = Checks.notNegative("charge", op.amountMicroSu());
        String note = Checks.text("note", op.note()) + element(op.array()) + atRates(op.rateVersion());
        Job job = p.tx.job(jobKey).orElseGet(() -> newJobWithoutLien(p, op));
        if (job.charged()) {
            throw new LedgerException(Refusal.CONFLICT, "job " + jobKey + " was already charged "
                    + MicroSu.format(job.chargedMicroSu()) + " SU; use refund to correct it");
        }
        boolean hadLien = job.lienState() == LienState.OPEN;
        // The release moves the account's liened amount in the same update as the first charge line: the draw
        // below reads only allocations, and every slice is on the job's account.
        long releasedMicroSu = hadLien ? -job.lienMicroSu() : 0;
        if (hadLien) {
            p.lienLineOnly(JournalKind.RELEASE, job.accountId(), job.userName(), jobKey, releasedMicroSu,
                    "lien of job " + jobKey + " resolved by its charge");
        }
        // A job that ran has to be paid for: past the allocations the pot goes into debt.
        List<Slice> slices = Funds.draw(p.tx, job.accountId(), p.nowMillis, amount, true);
        if (slices.isEmpty()) {
            // A zero charge is still written, so the journal shows the job was settled.
            slices = List.of(new Slice(Funds.firstActive(p.tx, job.accountId(), p.nowMillis), 0));
        }
        for (Slice s : slices) {
            p.money(JournalKind.CHARGE, s.allocation(), job.userName(), jobKey, -s.amountMicroSu(), note,
                    releasedMicroSu);
            releasedMicroSu = 0;
        }
        LienState lienState = hadLien ? LienState.CHARGED : job.lienState();
        p.tx.updateJob(new Job(jobKey, job.accountId(), job.userName(), lienState, job.lienMicroSu(),
                job.lienExpiresAtMillis(), true, amount, 0), p.nowMillis);
        setTimes(p, jobKey, op.times());
        setArray(p, jobKey, op.array());
        if (op.endState() != null) {
            p.tx.setJobEndState(jobKey, Checks.text("end state", op.endState()));
        }
        Account account = p.tx.accountById(job.accountId()).orElseThrow();
        return new OpResult(op.opKey(), amount, "charged " + MicroSu.format(amount) + " SU to " + account.name()
                + " for job " + jobKey + " of " + job.userName() + (hadLien ? ", released its lien of " + MicroSu.format(job.lienMicroSu()) + " SU" : ""), false);
    }

    /**
     * The job's start event never reached the bank: record it from the charge itself, with the rate version the
     * charge was priced at, so the same charge sent again is priced the same (Ledger.submitPriced) and replayed.
     */
    private static Job newJobWithoutLien(Posting p, ChargeJob op) {
        if (op.account() == null || op.user() == null) {
            throw new LedgerException(Refusal.UNKNOWN_JOB, "the bank has no lien for job " + op.jobKey()
                    + "; send the job's account and user with the charge");
        }
        Account account = Lookup.openAccount(p.tx, op.account());
        Job job = new Job(op.jobKey(), account.id(), Checks.userName(op.user()), LienState.NONE, 0, null, false, 0, 0);
        p.tx.insertJob(job, jobRequest(op.request()), op.rateVersion(), p.nowMillis);
        return job;
    }

    /** The journal names the rate version a lien and its charge were priced at (none before versions). */
    private static String atRates(int rateVersion) {
        return rateVersion > 0 ? " at rates v" + rateVersion : "";
    }

    /** The journal names an array element as Slurm shows it ("31_1"), beside the job key's own job id. */
    private static String element(JobArray array) {
        return array == null ? "" : ", array element " + JobArray.slurmId(0, 0, array);
    }

    private static void setArray(Posting p, String jobKey, JobArray array) {
        if (array != null) {
            p.tx.setJobArray(jobKey, array);
        }
    }

    /** What the job asked for, as the hook sent it; null when it sent none. */
    private static String jobRequest(String request) {
        return request == null ? null : Checks.text("job request", request);
    }

    /** Only when the hook sent any: most ledger writes of a job carry none. */
    private static void setTimes(Posting p, String jobKey, JobTimes times) {
        if (times != null && !times.none()) {
            p.tx.setJobTimes(jobKey, times);
        }
    }

    static OpResult release(Posting p, ReleaseLien op) {
        Job job = openLien(p, op.jobKey());
        resolve(p, job, LienState.RELEASED, "lien of job " + job.jobKey() + " released: "
                + Checks.text("note", op.note()));
        return new OpResult(op.opKey(), job.lienMicroSu(), "released " + MicroSu.format(job.lienMicroSu())
                + " SU held for job " + job.jobKey(), false);
    }

    static OpResult expire(Posting p, ExpireLiens op) {
        List<Job> expired = p.tx.openLiensExpiredBy(p.nowMillis, EXPIRE_BATCH);
        long total = 0;
        for (Job job : expired) {
            resolve(p, job, LienState.EXPIRED, "lien of job " + job.jobKey() + " expired: its end never came");
            total += job.lienMicroSu();
        }
        return new OpResult(op.opKey(), total, "expired " + expired.size() + " liens", false);
    }

    private static void resolve(Posting p, Job job, LienState state, String note) {
        p.lien(JournalKind.RELEASE, job.accountId(), job.userName(), job.jobKey(), -job.lienMicroSu(), note);
        p.tx.updateJob(new Job(job.jobKey(), job.accountId(), job.userName(), state, job.lienMicroSu(),
                job.lienExpiresAtMillis(), false, 0, 0), p.nowMillis);
    }

    private static Job openLien(Posting p, String jobKey) {
        Job job = Lookup.job(p.tx, Checks.key("job key", jobKey));
        if (job.lienState() != LienState.OPEN) {
            throw new LedgerException(Refusal.CONFLICT, "job " + jobKey + " has no open lien (it is "
                    + job.lienState().sqlName() + ")");
        }
        return job;
    }

    static OpResult refund(Posting p, Refund op) {
        Job job = Lookup.job(p.tx, Checks.key("job key", op.jobKey()));
        if (!job.charged()) {
            throw new LedgerException(Refusal.CONFLICT, "job " + job.jobKey() + " has not been charged; nothing to refund");
        }
        long refundable = job.chargedMicroSu() - job.refundedMicroSu();
        long amount = op.amountMicroSu() == 0 ? refundable : Checks.positive("refund", op.amountMicroSu());
        if (amount > refundable || amount == 0) {
            throw Checks.invalid("job " + job.jobKey() + " can be refunded at most " + MicroSu.format(refundable)
                    + " SU (charged " + MicroSu.format(job.chargedMicroSu()) + ", refunded "
                    + MicroSu.format(job.refundedMicroSu()) + ")");
        }
        String note = Checks.text("note", op.note());
        // Refunded money goes where the next charge is drawn from.
        p.money(JournalKind.REFUND, Funds.firstActive(p.tx, job.accountId(), p.nowMillis), job.userName(), job.jobKey(),
                amount, note);
        p.tx.updateJob(new Job(job.jobKey(), job.accountId(), job.userName(), job.lienState(), job.lienMicroSu(),
                job.lienExpiresAtMillis(), true, job.chargedMicroSu(), job.refundedMicroSu() + amount), p.nowMillis);
        return new OpResult(op.opKey(), amount, "refunded " + MicroSu.format(amount) + " SU for job "
                + job.jobKey(), false);
    }
}
