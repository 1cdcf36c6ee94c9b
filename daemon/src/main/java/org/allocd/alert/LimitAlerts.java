package org.allocd.alert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allocd.config.AlertConfig;
import org.allocd.ledger.Account;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.MemberUse;
import org.allocd.ledger.Membership;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Role;
import org.allocd.mail.MailMessage;

/**
 * The "per-user limit near" alert, by mail: a member whose use of an account (MemberUse, the one computation the
 * funds rule and every view use) reaches a threshold of their per-user limit is mailed, and so is each coordinator
 * of the account, each at their own thresholds (allocmgr notify) or else the account's. Its key names the member,
 * the threshold and, for a limit that counts per cycle, the cycle: "limit:alice:90:2026-12-01". So a new cycle is a
 * new crossing, and a sent key no longer evaluated (an ended cycle, a threshold no longer given) is re-armed.
 */
final class LimitAlerts {
    static final String PREFIX = "limit:";

    private LimitAlerts() {}

    /** The limit mails to send and the sent ones to re-arm, for one account. */
    static List<Alerts.Change> due(LedgerView view, Account account, List<Membership> memberships,
            Map<Long, String> users, Map<Long, NotifySetting> notify, List<Integer> accountPercents,
            AlertConfig settings, long nowMillis) {
        List<Membership> limited = memberships.stream()
                .filter(m -> m.limitMicroSu() != null && m.limitMicroSu() > 0).toList();
        if (limited.isEmpty()) {
            return List.of();
        }
        Map<Long, Set<String>> mailed = view.rows(AlertRows.class).mailsSent(account.id());
        List<Membership> coordinators = memberships.stream().filter(m -> m.role() == Role.COORDINATOR).toList();
        List<Alerts.Change> changes = new ArrayList<>();
        Map<Long, Set<String>> evaluated = new HashMap<>();
        for (Membership m : limited) {
            MemberUse use = MemberUse.of(view, m, users.get(m.userId()), account.name(), nowMillis);
            long percentUsed = use.usedMicroSu() * 100 / use.limitMicroSu();
            Map<Long, String> recipients = new LinkedHashMap<>();
            recipients.put(m.userId(), "this is your own limit in " + account.name());
            for (Membership c : coordinators) {
                recipients.putIfAbsent(c.userId(), "you coordinate " + account.name());
            }
            for (Map.Entry<Long, String> r : recipients.entrySet()) {
                String to = users.get(r.getKey());
                NotifySetting n = notify.getOrDefault(r.getKey(), NotifySetting.defaultFor(r.getKey()));
                if (!n.mail() || !MailMessage.isAddress(to)) {
                    continue;
                }
                Set<String> sent = mailed.getOrDefault(r.getKey(), Set.of());
                for (int percent : n.percents() != null ? n.percents() : accountPercents) {
                    Alert alert = alert(use, percent, percentUsed, nowMillis);
                    evaluated.computeIfAbsent(r.getKey(), k -> new HashSet<>()).add(alert.key());
                    boolean holds = percentUsed >= percent;
                    if (holds != sent.contains(alert.key())) {
                        changes.add(new Alerts.Change(alert, holds, to,
                                holds ? AlertMail.ofLimit(alert, use, to, r.getValue(), nowMillis, settings) : null));
                    }
                }
            }
        }
        // Sent keys of these recipients that no threshold gave this time: an ended cycle, a threshold no longer given.
        for (Map.Entry<Long, Set<String>> e : evaluated.entrySet()) {
            for (String key : mailed.getOrDefault(e.getKey(), Set.of())) {
                if (key.startsWith(PREFIX) && !e.getValue().contains(key)) {
                    changes.add(new Alerts.Change(new Alert(account.name(), key, "limit", "no longer due: " + key,
                            JsonNodeFactory.instance.objectNode()), false, users.get(e.getKey()), null));
                }
            }
        }
        return changes;
    }

    /** The alert of one threshold of one member's limit, with its key and sentence. */
    private static Alert alert(MemberUse use, int percent, long percentUsed, long nowMillis) {
        String key = PREFIX + use.user() + ":" + percent + (use.cycle() == null ? ""
                : ":" + Instant.ofEpochMilli(use.cycle().startsAtMillis()).atZone(use.cycle().zone()).toLocalDate());
        String message = use.user() + " has used " + percentUsed + "% of their limit in " + use.account() + " ("
                + MicroSu.format(use.usedMicroSu()) + " of " + MicroSu.format(use.limitMicroSu()) + " SU "
                + use.periodText() + "; alert at " + percent + "%)";
        return Alert.of(JsonNodeFactory.instance.objectNode().put("alert", "limit").put("key", key)
                .put("account", use.account()).put("user", use.user()).put("message", message).put("at_ms", nowMillis)
                .put("used_micro_su", use.usedMicroSu()).put("limit_micro_su", use.limitMicroSu())
                .put("limit_per", use.per().sqlName()).put("threshold_percent", percent));
    }
}
