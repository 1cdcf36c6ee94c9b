package org.allocd.ledger;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An independent, deliberately naive model of the ledger's money rules, for
 * the randomized test. It keeps totals per account (the test's allocations
 * have no end, so where money sits inside an account does not matter) and
 * predicts each operation's outcome: an amount, or a refusal.
 */
final class LedgerModel {
    record Outcome(Refusal refusal, long amountMicroSu) {
        static Outcome ok(long amountMicroSu) {
            return new Outcome(null, amountMicroSu);
        }

        static Outcome no(Refusal refusal) {
            return new Outcome(refusal, 0);
        }
    }

    static final class Acct {
        long balance;
        long liened;
        long credit;
        boolean frozen;
    }

    static final class Jb {
        String account;
        String state = "none";
        long lien;
        boolean charged;
        long chargedAmount;
        long refunded;
    }

    final Map<String, Acct> accounts = new HashMap<>();
    final Map<String, Jb> jobs = new HashMap<>();
    /** Keys of operations that were applied: sent again, they must replay. */
    final Map<String, Operation> applied = new HashMap<>();
    final Map<String, Long> appliedAmount = new HashMap<>();
    final Set<String> members = new HashSet<>();

    Outcome predict(Operation op) {
        Operation first = applied.get(op.opKey());
        if (first != null) {
            return first.equals(op) ? Outcome.ok(appliedAmount.get(op.opKey())) : Outcome.no(Refusal.KEY_REUSED);
        }
        Outcome outcome = evaluate(op);
        if (outcome.refusal() == null) {
            applied.put(op.opKey(), op);
            appliedAmount.put(op.opKey(), outcome.amountMicroSu());
        }
        return outcome;
    }

    private Outcome evaluate(Operation op) {
        if (op instanceof Operation.Deposit d) {
            accounts.get(d.account()).balance += d.amountMicroSu();
            return Outcome.ok(d.amountMicroSu());
        }
        if (op instanceof Operation.Withdraw w) {
            Acct a = accounts.get(w.account());
            if (w.amountMicroSu() > a.balance - a.liened) {
                return Outcome.no(Refusal.INSUFFICIENT_FUNDS);
            }
            a.balance -= w.amountMicroSu();
            return Outcome.ok(w.amountMicroSu());
        }
        if (op instanceof Operation.Transfer t) {
            Acct from = accounts.get(t.fromAccount());
            if (t.amountMicroSu() > from.balance - from.liened) {
                return Outcome.no(Refusal.INSUFFICIENT_FUNDS);
            }
            from.balance -= t.amountMicroSu();
            accounts.get(t.toAccount()).balance += t.amountMicroSu();
            return Outcome.ok(t.amountMicroSu());
        }
        if (op instanceof Operation.Adjust a) {
            Acct acct = accounts.get(a.account());
            if (a.amountMicroSu() < 0 && !a.force() && acct.balance - acct.liened + acct.credit + a.amountMicroSu() < 0) {
                return Outcome.no(Refusal.INSUFFICIENT_FUNDS);
            }
            acct.balance += a.amountMicroSu();
            return Outcome.ok(a.amountMicroSu());
        }
        if (op instanceof Operation.SetAccountState s) {
            accounts.get(s.name()).frozen = s.state() == AccountState.FROZEN;
            return Outcome.ok(0);
        }
        if (op instanceof Operation.PlaceLien l) {
            return lien(l);
        }
        if (op instanceof Operation.AdjustLien l) {
            return adjustLien(l);
        }
        if (op instanceof Operation.ChargeJob c) {
            return charge(c);
        }
        if (op instanceof Operation.ReleaseLien r) {
            Jb job = jobs.get(r.jobKey());
            if (job == null) {
                return Outcome.no(Refusal.UNKNOWN_JOB);
            }
            if (!job.state.equals("open")) {
                return Outcome.no(Refusal.CONFLICT);
            }
            accounts.get(job.account).liened -= job.lien;
            job.state = "released";
            return Outcome.ok(job.lien);
        }
        if (op instanceof Operation.Refund r) {
            return refund(r);
        }
        throw new IllegalArgumentException("the model does not know " + op);
    }

    private Outcome lien(Operation.PlaceLien l) {
        Acct a = accounts.get(l.account());
        if (a.frozen) {
            return Outcome.no(Refusal.ACCOUNT_FROZEN);
        }
        if (!members.contains(l.user() + "@" + l.account())) {
            return Outcome.no(Refusal.NOT_MEMBER);
        }
        Jb job = jobs.get(l.jobKey());
        if (job != null && (job.state.equals("open") || job.charged || !job.account.equals(l.account()))) {
            return Outcome.no(Refusal.CONFLICT);
        }
        if (l.amountMicroSu() > a.balance - a.liened + a.credit) {
            return Outcome.no(Refusal.INSUFFICIENT_FUNDS);
        }
        job = new Jb();
        job.account = l.account();
        job.state = "open";
        job.lien = l.amountMicroSu();
        jobs.put(l.jobKey(), job);
        a.liened += l.amountMicroSu();
        return Outcome.ok(l.amountMicroSu());
    }

    private Outcome adjustLien(Operation.AdjustLien l) {
        Jb job = jobs.get(l.jobKey());
        if (job == null) {
            return Outcome.no(Refusal.UNKNOWN_JOB);
        }
        if (!job.state.equals("open")) {
            return Outcome.no(Refusal.CONFLICT);
        }
        Acct a = accounts.get(job.account);
        long delta = l.amountMicroSu() - job.lien;
        if (delta > 0 && a.frozen) {
            return Outcome.no(Refusal.ACCOUNT_FROZEN);
        }
        if (delta > 0 && delta > a.balance - a.liened + a.credit) {
            return Outcome.no(Refusal.INSUFFICIENT_FUNDS);
        }
        a.liened += delta;
        job.lien = l.amountMicroSu();
        return Outcome.ok(l.amountMicroSu());
    }

    private Outcome charge(Operation.ChargeJob c) {
        Jb job = jobs.get(c.jobKey());
        if (job == null) {
            if (c.account() == null) {
                return Outcome.no(Refusal.UNKNOWN_JOB);
            }
            job = new Jb();
            job.account = c.account();
            jobs.put(c.jobKey(), job);
        }
        if (job.charged) {
            return Outcome.no(Refusal.CONFLICT);
        }
        Acct a = accounts.get(job.account);
        if (job.state.equals("open")) {
            a.liened -= job.lien;
            job.state = "charged";
        }
        a.balance -= c.amountMicroSu();
        job.charged = true;
        job.chargedAmount = c.amountMicroSu();
        return Outcome.ok(c.amountMicroSu());
    }

    private Outcome refund(Operation.Refund r) {
        Jb job = jobs.get(r.jobKey());
        if (job == null) {
            return Outcome.no(Refusal.UNKNOWN_JOB);
        }
        if (!job.charged) {
            return Outcome.no(Refusal.CONFLICT);
        }
        long refundable = job.chargedAmount - job.refunded;
        long amount = r.amountMicroSu() == 0 ? refundable : r.amountMicroSu();
        if (amount <= 0 || amount > refundable) {
            return Outcome.no(Refusal.INVALID_ARGUMENT);
        }
        job.refunded += amount;
        accounts.get(job.account).balance += amount;
        return Outcome.ok(amount);
    }
}
