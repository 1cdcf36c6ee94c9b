package org.allocd.alert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.allocd.report.BalanceRow;
import org.allocd.report.Balances;
import org.allocd.report.Forecast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which alerts are due and delivers them through the alert command,
 * on its own thread: never on the ledger's writer, so a slow or hanging
 * command delays only the next alert. An alert is recorded in the ledger
 * after the command succeeded (a crash between the two may send it twice,
 * never zero times); a failed one is not recorded and is tried on the next run.
 * A threshold whose condition no longer holds (a deposit) is re-armed.
 */
public final class Alerts implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final String ACTOR = "allocd";
    /** Bounds one run; with a hanging command each alert may take the whole timeout. */
    static final int MAX_ALERTS_PER_RUN = 100;

    private final Ledger ledger;
    private final Supplier<AlertConfig> config;

    public Alerts(Ledger ledger, Supplier<AlertConfig> config) {
        this.ledger = ledger;
        this.config = config;
    }

    /** A change of an alert's recorded state: send (and record) it, or re-arm it. */
    private record Change(Alert alert, boolean send) {}

    @Override
    public void run() {
        AlertConfig settings = config.get();
        if (settings.command().isEmpty()) {
            return;
        }
        try {
            long nowMillis = ledger.nowMillis();
            List<Change> changes = ledger.read(view -> due(view, settings, nowMillis));
            int sent = 0;
            for (Change change : changes) {
                Alert alert = change.alert();
                if (!change.send()) {
                    ledger.apply(new RearmAlert(opKey("alert-rearm", alert), ACTOR, alert.account(),
                            alert.key(), alert.message()));
                } else if (sent < MAX_ALERTS_PER_RUN) {
                    sent++;
                    if (AlertCommand.deliver(settings.command().get(), settings.timeoutSeconds(), alert)) {
                        ledger.apply(new RecordAlert(opKey("alert-sent", alert), ACTOR, alert.account(),
                                alert.key(), alert.message()));
                    }
                }
            }
        } catch (RuntimeException e) {
            // Never let the scheduler drop the task: the next run tries again.
            log.warn("alerts failed, will retry: {}", e.getMessage());
        }
    }

    /**
     * Each send and re-arm is its own operation; the ledger makes a repeat a
     * no-op by the alert's state, so the key need not be derived from time
     * (two crossings within one millisecond must not share a key).
     */
    private static String opKey(String what, Alert alert) {
        return what + ":" + alert.account() + ":" + alert.key() + ":" + UUID.randomUUID();
    }

    /** Every alert to send and every sent one to re-arm, for all open accounts. */
    private static List<Change> due(LedgerView view, AlertConfig settings, long nowMillis) {
        Map<Long, List<Integer>> thresholds = view.rows(AlertRows.class).alertThresholds();
        Map<Long, List<String>> coordinators = coordinators(view);
        List<Change> changes = new ArrayList<>();
        for (Account account : view.accounts()) {
            if (account.state() == AccountState.CLOSED) {
                continue;
            }
            Set<String> sent = view.rows(AlertRows.class).alertsSent(account.id());
            BalanceRow row = Balances.of(view, account, nowMillis);
            Long runoutMillis = Forecast.runoutMillis(view, account.id(), row.availableMicroSu(), nowMillis,
                    settings.forecastDays());
            Figures figures = new Figures(account.name(), coordinators.getOrDefault(account.id(), List.of()), row,
                    runoutMillis, nowMillis);
            for (int percent : thresholds.getOrDefault(account.id(), List.of())) {
                Long used = figures.usedPercent();
                boolean holds = used != null && used >= percent;
                change(changes, sent, "used:" + percent, holds, () -> figures.alert("used", "used:" + percent,
                        "account " + account.name() + " has used " + used + "% of its active allocations (alert at "
                                + percent + "%)").put("threshold_percent", percent));
            }
            if (settings.runoutDays() > 0) {
                boolean holds = runoutMillis != null && runoutMillis < nowMillis + settings.runoutDays() * Forecast.DAY_MILLIS;
                change(changes, sent, "runout", holds, () -> figures.alert("runout", "runout", "account "
                        + account.name() + " runs out within " + settings.runoutDays() + " days at its current rate"));
            }
            if (settings.expiryDays() > 0) {
                for (Allocation a : view.allocations(account.id())) {
                    boolean ending = a.activeAt(nowMillis) && !a.pot() && a.endsAtMillis() != null
                            && a.remainingMicroSu() > 0 && a.endsAtMillis() - nowMillis <= settings.expiryDays() * Forecast.DAY_MILLIS;
                    String key = "expiry:" + a.id();
                    if (ending && !sent.contains(key)) {
                        changes.add(new Change(Alert.of(figures.alert("expiry", key, "allocation " + a.id() + " of "
                                + account.name() + " ends with " + MicroSu.format(a.remainingMicroSu())
                                + " SU unused").put("allocation_id", a.id()).put("allocation_ends_at_ms", a.endsAtMillis())
                                .put("allocation_remaining_micro_su", a.remainingMicroSu())), true));
                    }
                }
            }
        }
        return changes;
    }

    private interface AlertBuilder {
        ObjectNode build();
    }

    private static void change(List<Change> changes, Set<String> sent, String key, boolean holds,
            AlertBuilder alert) {
        if (holds != sent.contains(key)) {
            changes.add(new Change(Alert.of(alert.build()), holds));
        }
    }

    /** An account's numbers as every alert carries them. */
    private record Figures(String account, List<String> coordinators, BalanceRow row, Long runoutMillis, long nowMillis) {
        /** Used of the active allocations: granted less what is neither spent nor liened; null without any. */
        Long usedPercent() {
            long granted = row.depositedMicroSu();
            if (granted <= 0) {
                return null;
            }
            long used = granted - (row.balanceMicroSu() - row.lienedMicroSu());
            return Math.max(0, used) * 100 / granted;
        }

        ObjectNode alert(String kind, String key, String message) {
            ObjectNode payload = JsonNodeFactory.instance.objectNode().put("alert", kind).put("key", key)
                    .put("account", account).put("message", message).put("at_ms", nowMillis);
            coordinators.forEach(payload.putArray("coordinators")::add);
            Long used = usedPercent();
            if (used == null) {
                payload.putNull("used_percent");
            } else {
                payload.put("used_percent", used);
            }
            payload.put("deposited_micro_su", row.depositedMicroSu()).put("balance_micro_su", row.balanceMicroSu())
                    .put("liened_micro_su", row.lienedMicroSu()).put("available_micro_su", row.availableMicroSu());
            if (runoutMillis == null) {
                payload.putNull("runout_at_ms");
            } else {
                payload.put("runout_at_ms", runoutMillis);
            }
            return payload;
        }
    }

    /** Users with the coordinator role, by account (direct memberships). */
    private static Map<Long, List<String>> coordinators(LedgerView view) {
        Map<Long, String> users = new HashMap<>();
        view.users().forEach(u -> users.put(u.id(), u.name()));
        Map<Long, List<String>> byAccount = new HashMap<>();
        for (Membership m : view.memberships()) {
            if (m.role() == Role.COORDINATOR) {
                byAccount.computeIfAbsent(m.accountId(), k -> new ArrayList<>()).add(users.get(m.userId()));
            }
        }
        return byAccount;
    }
}
