package org.allocd.alert;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.allocd.ledger.Account;
import org.allocd.ledger.Checks;
import org.allocd.ledger.Lookup;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Posting;
import org.allocd.ledger.User;

/**
 * Alert thresholds, users' mail settings and which alerts were sent. The alerts themselves are
 * decided and delivered outside the ledger; it only records them, so that "sent once per crossing"
 * survives restarts and shows in the journal.
 */
final class AlertBook {
    static final int MAX_THRESHOLDS = 10;
    private static final int MAX_ALERT_CHARS = 100;

    private AlertBook() {}

    static OpResult setThresholds(Posting p, SetAlertThresholds op) {
        Account account = Lookup.openAccount(p.view(), op.account());
        List<Integer> sorted = percents(op.percents() == null ? List.of() : op.percents(), "alert_thresholds");
        p.rows(AlertRows.class).setAlertThresholds(account.id(), sorted);
        String text = sorted.isEmpty() ? "none" : text(sorted);
        p.admin(account.id(), null, "alert thresholds of " + account.name() + ": " + text);
        return new OpResult(op.opKey(), 0, "alert thresholds of " + account.name() + " are " + text, false);
    }

    static OpResult setNotify(Posting p, SetNotify op) {
        User user = Lookup.user(p.view(), op.user());
        AlertRows rows = p.rows(AlertRows.class);
        NotifySetting now = rows.notifySettings().getOrDefault(user.id(), NotifySetting.defaultFor(user.id()));
        if (op.mail() != null && !op.mail().equals("yes") && !op.mail().equals("no")) {
            throw Checks.invalid("mail=" + op.mail() + " is not yes or no");
        }
        if (op.accountPercents() && op.percents() != null) {
            throw Checks.invalid("give either your own thresholds or thresholds=account, not both");
        }
        if (op.percents() != null && op.percents().isEmpty()) {
            throw Checks.invalid("give at least one threshold, e.g. thresholds=80,95, or thresholds=account for"
                    + " each account's own (mail=no turns mail off)");
        }
        boolean mail = op.mail() == null ? now.mail() : op.mail().equals("yes");
        List<Integer> percents = op.accountPercents() ? null
                : op.percents() == null ? now.percents() : percents(op.percents(), "thresholds");
        rows.setNotify(new NotifySetting(user.id(), mail, percents));
        String text = "alert mail of " + user.name() + ": " + (mail ? "on" : "off") + ", thresholds "
                + (percents == null ? "of each account" : text(percents));
        p.admin(null, user.name(), text);
        return new OpResult(op.opKey(), 0, text, false);
    }

    static OpResult record(Posting p, RecordAlert op) {
        Account account = Lookup.account(p.view(), op.account());
        String alert = alert(op.alert());
        AlertRows rows = p.rows(AlertRows.class);
        if (op.mailTo() != null) {
            User user = Lookup.user(p.view(), op.mailTo());
            if (rows.mailsSent(account.id()).getOrDefault(user.id(), Set.of()).contains(alert)) {
                return new OpResult(op.opKey(), 0, "mail " + alert + " of " + account.name() + " to " + user.name()
                        + " was already recorded", false);
            }
            rows.insertMailSent(account.id(), user.id(), alert, p.nowMillis);
            // The note says how it ended: "sent: ..." or "given up after N failed attempts: ...".
            p.admin(account.id(), user.name(), "alert " + alert + " mail to " + user.name() + " "
                    + Checks.text("note", op.note()));
            return new OpResult(op.opKey(), 0, "recorded mail " + alert + " of " + account.name() + " to "
                    + user.name(), false);
        }
        if (rows.alertsSent(account.id()).contains(alert)) {
            return new OpResult(op.opKey(), 0, "alert " + alert + " of " + account.name() + " was already recorded",
                    false);
        }
        rows.insertAlertSent(account.id(), alert, p.nowMillis);
        p.admin(account.id(), null, "alert " + alert + " sent: " + Checks.text("note", op.note()));
        return new OpResult(op.opKey(), 0, "recorded alert " + alert + " of " + account.name(), false);
    }

    static OpResult rearm(Posting p, RearmAlert op) {
        Account account = Lookup.account(p.view(), op.account());
        String alert = alert(op.alert());
        AlertRows rows = p.rows(AlertRows.class);
        if (op.mailTo() != null) {
            User user = Lookup.user(p.view(), op.mailTo());
            if (!rows.mailsSent(account.id()).getOrDefault(user.id(), Set.of()).contains(alert)) {
                return new OpResult(op.opKey(), 0, "mail " + alert + " of " + account.name() + " to " + user.name()
                        + " is armed", false);
            }
            rows.deleteMailSent(account.id(), user.id(), alert);
            p.admin(account.id(), user.name(), "alert " + alert + " mail to " + user.name() + " re-armed: "
                    + Checks.text("note", op.note()));
            return new OpResult(op.opKey(), 0, "re-armed mail " + alert + " of " + account.name() + " to "
                    + user.name(), false);
        }
        if (!rows.alertsSent(account.id()).contains(alert)) {
            return new OpResult(op.opKey(), 0, "alert " + alert + " of " + account.name() + " is armed", false);
        }
        rows.deleteAlertSent(account.id(), alert);
        p.admin(account.id(), null, "alert " + alert + " re-armed: " + Checks.text("note", op.note()));
        return new OpResult(op.opKey(), 0, "re-armed alert " + alert + " of " + account.name(), false);
    }

    /** Percentages of 1 to 100, at most MAX_THRESHOLDS, sorted without repeats. */
    private static List<Integer> percents(List<Integer> given, String key) {
        if (given.size() > MAX_THRESHOLDS) {
            throw Checks.invalid("at most " + MAX_THRESHOLDS + " alert thresholds, got " + given.size());
        }
        TreeSet<Integer> percents = new TreeSet<>();
        for (Integer percent : given) {
            if (percent == null || percent < 1 || percent > 100) {
                throw Checks.invalid("alert threshold " + percent + " is not a percentage of the allocations used;"
                        + " give whole numbers from 1 to 100, e.g. " + key + "=50,90,100");
            }
            percents.add(percent);
        }
        return List.copyOf(percents);
    }

    private static String text(List<Integer> percents) {
        return percents.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String alert(String alert) {
        if (alert == null || alert.isBlank() || alert.length() > MAX_ALERT_CHARS) {
            throw Checks.invalid("an alert needs a name of 1-" + MAX_ALERT_CHARS + " characters");
        }
        return alert;
    }
}
