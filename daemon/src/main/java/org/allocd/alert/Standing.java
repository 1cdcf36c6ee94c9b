package org.allocd.alert;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.allocd.figures.AccountFigures;
import org.allocd.figures.Figures;
import org.allocd.ledger.Account;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.LedgerView;
import org.allocd.report.Forecast;

/**
 * An account's money as every alert judges and tells it, all from the one computation
 * (AccountFigures): balance are its subtree's figures since the ledger began, exactly as
 * `allocmgr balance` shows them, with the same forecast. Usage is of the allocations active now:
 * over the period since the earliest of them started, what was charged (net of refunds) and is liened,
 * against what the subtree had to spend in it (balance + net charges). Null when none is active.
 */
record Standing(Account account, List<String> coordinators, Figures balance, Forecast.Outlook outlook,
        Long activeSinceMillis, Long usedMicroSu, Long fundedMicroSu, long nowMillis) {

    /** usage: whether to work out usage (a second computation of figures); without it usedPercent is null. */
    static Standing of(LedgerView view, Account account, List<String> coordinators, long nowMillis, long forecastDays,
            boolean usage) {
        Figures balance = AccountFigures.of(view, account, 0, nowMillis + 1, nowMillis).subtree();
        Forecast.Outlook outlook = Forecast.outlook(view, account, balance.availableMicroSu(), nowMillis, forecastDays);
        Long since = usage ? activeSince(view, account, nowMillis) : null;
        if (since == null) {
            return new Standing(account, coordinators, balance, outlook, null, null, null, nowMillis);
        }
        Figures window = AccountFigures.of(view, account, since, nowMillis + 1, nowMillis).subtree();
        long netCharged = -(window.chargedMicroSu() + window.refundedMicroSu());
        return new Standing(account, coordinators, balance, outlook, since, netCharged + window.openLiensMicroSu(),
                window.balanceMicroSu() + netCharged, nowMillis);
    }

    /** The earliest start of the subtree's allocations active now; null when none is. */
    private static Long activeSince(LedgerView view, Account root, long nowMillis) {
        Long since = null;
        for (Account a : view.subtree(root.id())) {
            for (Allocation al : view.allocations(a.id())) {
                if (!al.pot() && al.activeAt(nowMillis)) {
                    since = since == null ? al.startsAtMillis() : Math.min(since, al.startsAtMillis());
                }
            }
        }
        return since;
    }

    /** Percent of the active allocations used or liened, rounded down; null without any to spend. */
    Long usedPercent() {
        if (fundedMicroSu == null || fundedMicroSu <= 0) {
            return null;
        }
        return Math.max(0, usedMicroSu) * 100 / fundedMicroSu;
    }

    /** The run-out instant the balance's forecast gives, only when there is use to forecast from. */
    Long runoutMillis() {
        return outlook.chargedMicroSu() > 0 ? outlook.runoutAtMillis() : null;
    }

    /** The alert's JSON, as the alert command reads it on stdin. */
    ObjectNode payload(String kind, String key, String message) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode().put("alert", kind).put("key", key)
                .put("account", account.name()).put("message", message).put("at_ms", nowMillis);
        coordinators.forEach(payload.putArray("coordinators")::add);
        Long used = usedPercent();
        if (used == null) {
            payload.putNull("used_percent");
        } else {
            payload.put("used_percent", used);
        }
        payload.put("deposited_micro_su", balance.depositedMicroSu()).put("balance_micro_su", balance.balanceMicroSu())
                .put("liened_micro_su", balance.openLiensMicroSu()).put("available_micro_su", balance.availableMicroSu());
        Long runout = runoutMillis();
        if (runout == null) {
            payload.putNull("runout_at_ms");
        } else {
            payload.put("runout_at_ms", runout);
        }
        return payload.put("forecast", outlook.text());
    }
}
