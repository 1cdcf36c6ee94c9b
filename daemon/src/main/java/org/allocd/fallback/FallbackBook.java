package org.allocd.fallback;

import java.util.List;
import java.util.regex.Pattern;
import org.allocd.ledger.Account;
import org.allocd.ledger.Checks;
import org.allocd.ledger.Lookup;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Posting;

/**
 * Fallback accounts: when an account cannot cover a job, the job's lien and charge go to its fallback
 * (one level: a fallback has no fallback of its own) instead of the job being held.
 */
final class FallbackBook {
    private static final Pattern QOS_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private FallbackBook() {}

    static OpResult set(Posting p, SetFallback op) {
        Account account = Lookup.openAccount(p.view(), op.account());
        if (op.fallback() == null) {
            if (op.qos() != null) {
                throw Checks.invalid("fallback_qos needs a fallback account; give fallback= too");
            }
            p.rows(FallbackRows.class).setFallback(account.id(), null, null);
            p.admin(account.id(), null, "fallback of " + account.name() + " removed");
            return new OpResult(op.opKey(), 0, "account " + account.name() + " has no fallback", false);
        }
        Account fallback = Lookup.openAccount(p.view(), op.fallback());
        if (fallback.id() == account.id()) {
            throw Checks.invalid("account '" + account.name() + "' cannot be its own fallback; name another account");
        }
        if (p.rows(FallbackRows.class).fallbackOf(fallback.id()).isPresent()) {
            throw Checks.invalid("account '" + fallback.name() + "' has a fallback of its own; a fallback must not"
                    + " fall back further (remove its fallback first)");
        }
        List<Account> fallingBackHere = p.rows(FallbackRows.class).accountsFallingBackTo(account.id());
        if (!fallingBackHere.isEmpty()) {
            throw Checks.invalid("account '" + account.name() + "' is the fallback of " + fallingBackHere.get(0).name()
                    + "; a fallback must not fall back further");
        }
        if (op.qos() != null && !QOS_NAME.matcher(op.qos()).matches()) {
            throw Checks.invalid("fallback_qos '" + op.qos() + "' is not a Slurm QOS name; use 1-64 letters, digits,"
                    + " '_', '.' or '-'");
        }
        p.rows(FallbackRows.class).setFallback(account.id(), fallback.id(), op.qos());
        String detail = "account " + account.name() + " falls back to " + fallback.name()
                + (op.qos() == null ? "" : " with QOS " + op.qos());
        p.admin(account.id(), null, detail);
        return new OpResult(op.opKey(), 0, detail, false);
    }

}
