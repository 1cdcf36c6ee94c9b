package org.allocd.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.allocd.config.AlertConfig;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.Membership;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Role;
import org.allocd.mail.MailMessage;
import org.allocd.mail.Sendmail;
import org.allocd.report.Forecast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which alerts are due and delivers them through the alert command and by mail, on its own
 * thread: never on the ledger's writer or a hook, so a slow or hanging command or MTA delays only the
 * next alert. An alert is recorded in the ledger after it was delivered (a crash between the two may
 * send it twice, never zero times); a failed one is not recorded and is tried on the next run. A
 * threshold whose condition no longer holds (a deposit) is re-armed. The command's alerts are the
 * account's; mail is per user (each coordinator, and each member who set their own thresholds), so
 * each user's thresholds and "sent" are their own. A member near their per-user limit is mailed too
 * (LimitAlerts).
 */
public final class Alerts implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final String ACTOR = "allocd";
    /** Bounds one run; with a hanging command each alert may take the whole timeout. */
    static final int MAX_ALERTS_PER_RUN = 100;
    /** Bounds the mails of one run the same way; the rest wait in the ledger for the next run. */
    static final int MAX_MAILS_PER_RUN = 100;
    /** After this many failed sends in a row the MTA is taken as down until the next run. */
    static final int MAX_MAIL_FAILURES_IN_A_ROW = 3;
    /** A mail that failed this many times is given up (journaled), not retried until it is re-armed. */
    static final int MAX_MAIL_ATTEMPTS = 5;
    /** Bounds the failure counts kept between runs. */
    private static final int MAX_COUNTED_MAILS = 10_000;

    private final Ledger ledger;
    private final Supplier<AlertConfig> config;
    /** Failed sends of a mail not yet delivered, by "account user key"; this thread only. */
    private final Map<String, Integer> mailFailures = new HashMap<>();

    public Alerts(Ledger ledger, Supplier<AlertConfig> config) {
        this.ledger = ledger;
        this.config = config;
    }

    /** A change of an alert's recorded state: send (and record) it, or re-arm it; mailTo null: the command's. */
    record Change(Alert alert, boolean send, String mailTo, MailMessage mail) {}

    @Override
    public void run() {
        AlertConfig settings = config.get();
        if (!settings.delivers()) {
            return;
        }
        try {
            long nowMillis = ledger.nowMillis();
            List<Change> changes = ledger.read(view -> due(view, settings, nowMillis));
            int commands = 0;
            int mails = 0;
            int failuresInARow = 0;
            for (Change change : changes) {
                Alert alert = change.alert();
                if (!change.send()) {
                    mailFailures.remove(mailKey(alert, change.mailTo()));
                    ledger.apply(new RearmAlert(opKey("alert-rearm", alert), ACTOR, alert.account(), alert.key(),
                            alert.message(), change.mailTo()));
                } else if (change.mailTo() == null) {
                    if (commands++ < MAX_ALERTS_PER_RUN
                            && AlertCommand.deliver(settings.command().get(), settings.timeoutSeconds(), alert)) {
                        ledger.apply(new RecordAlert(opKey("alert-sent", alert), ACTOR, alert.account(),
                                alert.key(), alert.message(), null));
                    }
                } else if (mails++ < MAX_MAILS_PER_RUN && failuresInARow < MAX_MAIL_FAILURES_IN_A_ROW) {
                    failuresInARow = mail(settings, change) ? 0 : failuresInARow + 1;
                }
            }
        } catch (RuntimeException e) {
            // Never let the scheduler drop the task: the next run tries again.
            log.warn("alerts failed, will retry: {}", e.getMessage());
        }
    }

    /** Sends one mail and records it, or counts its failure and gives it up at the bound; true when sent. */
    private boolean mail(AlertConfig settings, Change change) {
        Alert alert = change.alert();
        String key = mailKey(alert, change.mailTo());
        String what = "alert " + alert.key() + " of " + alert.account() + " mailed to " + change.mailTo();
        if (new Sendmail(settings.mailProgram().get(), settings.mailTimeoutSeconds()).send(what, change.mail())) {
            mailFailures.remove(key);
            ledger.apply(new RecordAlert(opKey("alert-mailed", alert), ACTOR, alert.account(), alert.key(),
                    "sent: " + alert.message(), change.mailTo()));
            log.info("{}: {}", what, alert.message());
            return true;
        }
        int failures = mailFailures.getOrDefault(key, 0) + 1;
        if (failures >= MAX_MAIL_ATTEMPTS) {
            mailFailures.remove(key);
            log.warn("{}: given up after {} failed attempts; sent again only after it is re-armed", what, failures);
            ledger.apply(new RecordAlert(opKey("alert-given-up", alert), ACTOR, alert.account(), alert.key(),
                    "given up after " + failures + " failed attempts: " + alert.message(), change.mailTo()));
        } else if (mailFailures.containsKey(key) || mailFailures.size() < MAX_COUNTED_MAILS) {
            mailFailures.put(key, failures);
        }
        return false;
    }

    private static String mailKey(Alert alert, String mailTo) {
        return alert.account() + " " + mailTo + " " + alert.key();
    }

    /**
     * Each send and re-arm is its own operation; the ledger makes a repeat a
     * no-op by the alert's state, so the key need not be derived from time
     * (two crossings within one millisecond must not share a key).
     */
    private static String opKey(String what, Alert alert) {
        return what + ":" + alert.account() + ":" + alert.key() + ":" + UUID.randomUUID();
    }

    /** Every alert to send and every sent one to re-arm, for all open accounts, by command and by mail. */
    private static List<Change> due(LedgerView view, AlertConfig settings, long nowMillis) {
        AlertRows rows = view.rows(AlertRows.class);
        Map<Long, List<Integer>> thresholds = rows.alertThresholds();
        Map<Long, NotifySetting> notify = rows.notifySettings();
        Map<Long, String> users = new HashMap<>();
        view.users().forEach(u -> users.put(u.id(), u.name()));
        Map<Long, List<Membership>> members = new HashMap<>();
        view.memberships().forEach(m -> members.computeIfAbsent(m.accountId(), k -> new ArrayList<>()).add(m));
        List<Change> changes = new ArrayList<>();
        for (Account account : view.accounts()) {
            if (account.state() == AccountState.CLOSED) {
                continue;
            }
            List<Membership> memberships = members.getOrDefault(account.id(), List.of());
            List<String> coordinators = memberships.stream().filter(m -> m.role() == Role.COORDINATOR)
                    .map(m -> users.get(m.userId())).toList();
            List<Integer> own = thresholds.getOrDefault(account.id(), List.of());
            if (settings.mailProgram().isPresent()) {
                changes.addAll(LimitAlerts.due(view, account, memberships, users, notify, own, settings, nowMillis));
            }
            List<Recipient> recipients = settings.mailProgram().isEmpty() ? List.of()
                    : recipients(account, memberships, users, notify, own);
            if (settings.command().isEmpty() && recipients.isEmpty()) {
                continue;
            }
            boolean usage = (settings.command().isPresent() && !own.isEmpty())
                    || recipients.stream().anyMatch(r -> !r.percents().isEmpty());
            Standing s = Standing.of(view, account, coordinators, nowMillis, settings.forecastDays(), usage);
            if (settings.command().isPresent()) {
                for (Due d : due(view, s, own, rows.alertsSent(account.id()), settings)) {
                    changes.add(new Change(d.alert(), d.holds(), null, null));
                }
            }
            Map<Long, Set<String>> mailed = recipients.isEmpty() ? Map.of() : rows.mailsSent(account.id());
            for (Recipient r : recipients) {
                for (Due d : due(view, s, r.percents(), mailed.getOrDefault(r.userId(), Set.of()), settings)) {
                    changes.add(new Change(d.alert(), d.holds(), r.user(),
                            d.holds() ? AlertMail.of(d.alert(), s, r.user(), r.why(), settings) : null));
                }
            }
        }
        return changes;
    }

    /** A user mailed the account's alerts at these thresholds, and why they get them. */
    private record Recipient(long userId, String user, List<Integer> percents, String why) {}

    /** Each coordinator and each member with their own thresholds, unless they turned mail off. */
    private static List<Recipient> recipients(Account account, List<Membership> memberships, Map<Long, String> users,
            Map<Long, NotifySetting> notify, List<Integer> accountPercents) {
        List<Recipient> recipients = new ArrayList<>();
        for (Membership m : memberships) {
            NotifySetting n = notify.getOrDefault(m.userId(), NotifySetting.defaultFor(m.userId()));
            String user = users.get(m.userId());
            if (!n.mail() || (m.role() != Role.COORDINATOR && n.percents() == null) || !MailMessage.isAddress(user)) {
                continue;
            }
            recipients.add(n.percents() != null
                    ? new Recipient(m.userId(), user, n.percents(), "you set your own alert thresholds and belong to "
                            + account.name())
                    : new Recipient(m.userId(), user, accountPercents, "you coordinate " + account.name()));
        }
        return recipients;
    }

    /** An alert whose recorded state differs from its condition: holds = send it, else re-arm it. */
    private record Due(Alert alert, boolean holds) {}

    /** The alerts of one account at these thresholds whose condition differs from what sent says. */
    private static List<Due> due(LedgerView view, Standing s, List<Integer> percents, Set<String> sent,
            AlertConfig settings) {
        String account = s.account().name();
        long nowMillis = s.nowMillis();
        List<Due> due = new ArrayList<>();
        Long used = s.usedPercent();
        for (int percent : percents) {
            boolean holds = used != null && used >= percent;
            String key = "used:" + percent;
            if (holds != sent.contains(key)) {
                due.add(new Due(Alert.of(s.payload("used", key, "account " + account + " has used " + used
                        + "% of its active allocations (alert at " + percent + "%)")
                        .put("threshold_percent", percent)), holds));
            }
        }
        if (settings.runoutDays() > 0) {
            Long runout = s.runoutMillis();
            boolean holds = runout != null && runout < nowMillis + settings.runoutDays() * Forecast.DAY_MILLIS;
            if (holds != sent.contains("runout")) {
                due.add(new Due(Alert.of(s.payload("runout", "runout", "account " + account + " runs out within "
                        + settings.runoutDays() + " days at its current rate")), holds));
            }
        }
        if (settings.expiryDays() > 0) {
            for (Allocation a : view.allocations(s.account().id())) {
                boolean ending = a.activeAt(nowMillis) && !a.pot() && a.endsAtMillis() != null
                        && a.remainingMicroSu() > 0
                        && a.endsAtMillis() - nowMillis <= settings.expiryDays() * Forecast.DAY_MILLIS;
                String key = "expiry:" + a.id();
                if (ending && !sent.contains(key)) {
                    due.add(new Due(Alert.of(s.payload("expiry", key, "allocation " + a.id() + " of " + account
                            + " ends with " + MicroSu.format(a.remainingMicroSu()) + " SU unused")
                            .put("allocation_id", a.id()).put("allocation_ends_at_ms", a.endsAtMillis())
                            .put("allocation_remaining_micro_su", a.remainingMicroSu())), true));
                }
            }
        }
        return due;
    }
}
