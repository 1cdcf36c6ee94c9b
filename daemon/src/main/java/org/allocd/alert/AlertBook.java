package org.allocd.alert;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.allocd.ledger.Account;
import org.allocd.ledger.Checks;
import org.allocd.ledger.Lookup;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Posting;

/**
 * Alert thresholds and which alerts were sent. The alerts themselves are
 * decided and delivered outside the ledger; it only records them, so that
 * "sent once per crossing" survives restarts and shows in the journal.
 */
final class AlertBook {
    static final int MAX_THRESHOLDS = 10;
    private static final int MAX_ALERT_CHARS = 100;

    private AlertBook() {}

    static OpResult setThresholds(Posting p, SetAlertThresholds op) {
        Account account = Lookup.openAccount(p.view(), op.account());
        List<Integer> given = op.percents() == null ? List.of() : op.percents();
        if (given.size() > MAX_THRESHOLDS) {
            throw Checks.invalid("at most " + MAX_THRESHOLDS + " alert thresholds per account, got " + given.size());
        }
        TreeSet<Integer> percents = new TreeSet<>();
        for (Integer percent : given) {
            if (percent == null || percent < 1 || percent > 100) {
                throw Checks.invalid("alert threshold " + percent + " is not a percentage of the allocations used;"
                        + " give whole numbers from 1 to 100, e.g. alert_thresholds=50,90,100");
            }
            percents.add(percent);
        }
        List<Integer> sorted = List.copyOf(percents);
        p.rows(AlertRows.class).setAlertThresholds(account.id(), sorted);
        String text = sorted.isEmpty() ? "none"
                : sorted.stream().map(String::valueOf).collect(Collectors.joining(","));
        p.admin(account.id(), null, "alert thresholds of " + account.name() + ": " + text);
        return new OpResult(op.opKey(), 0, "alert thresholds of " + account.name() + " are " + text, false);
    }

    static OpResult record(Posting p, RecordAlert op) {
        Account account = Lookup.account(p.view(), op.account());
        String alert = alert(op.alert());
        if (p.rows(AlertRows.class).alertsSent(account.id()).contains(alert)) {
            return new OpResult(op.opKey(), 0, "alert " + alert + " of " + account.name() + " was already recorded",
                    false);
        }
        p.rows(AlertRows.class).insertAlertSent(account.id(), alert, p.nowMillis);
        p.admin(account.id(), null, "alert " + alert + " sent: " + Checks.text("note", op.note()));
        return new OpResult(op.opKey(), 0, "recorded alert " + alert + " of " + account.name(), false);
    }

    static OpResult rearm(Posting p, RearmAlert op) {
        Account account = Lookup.account(p.view(), op.account());
        String alert = alert(op.alert());
        if (!p.rows(AlertRows.class).alertsSent(account.id()).contains(alert)) {
            return new OpResult(op.opKey(), 0, "alert " + alert + " of " + account.name() + " is armed", false);
        }
        p.rows(AlertRows.class).deleteAlertSent(account.id(), alert);
        p.admin(account.id(), null, "alert " + alert + " re-armed: " + Checks.text("note", op.note()));
        return new OpResult(op.opKey(), 0, "re-armed alert " + alert + " of " + account.name(), false);
    }

    private static String alert(String alert) {
        if (alert == null || alert.isBlank() || alert.length() > MAX_ALERT_CHARS) {
            throw Checks.invalid("an alert needs a name of 1-" + MAX_ALERT_CHARS + " characters");
        }
        return alert;
    }
}
