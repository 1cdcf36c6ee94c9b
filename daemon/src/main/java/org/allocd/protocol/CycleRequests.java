package org.allocd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allocd.access.Access;
import org.allocd.access.Caller;
import org.allocd.alert.AlertRows;
import org.allocd.alert.SetAlertThresholds;
import org.allocd.cycle.AddGrant;
import org.allocd.cycle.CarryOver;
import org.allocd.cycle.DeleteGrant;
import org.allocd.cycle.Grant;
import org.allocd.cycle.GrantPeriod;
import org.allocd.cycle.GrantRows;
import org.allocd.ledger.Account;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;

/**
 * The admin ops of allocation cycles and alerts (docs/protocol.md): recurring
 * grants (admins), alert thresholds (coordinators), and their views.
 */
final class CycleRequests {
    private static final long MAX_MS = 253_402_300_800_000L; // year 10000
    private static final int MAX_THRESHOLDS = 10;

    private final Ledger ledger;
    private final Access access;

    CycleRequests(Ledger ledger, Access access) {
        this.ledger = ledger;
        this.access = access;
    }

    /** The write ops; null when op is not one of them. */
    Operation operation(Caller c, ObjectNode r, String op, String key, String actor) {
        switch (op) {
            case "add_grant" -> {
                access.requireAdmin(c, "a recurring grant");
                return new AddGrant(key, actor, Fields.text(r, "account"),
                        Fields.number(r, "amount_micro_su", 1, MicroSu.MAX_AMOUNT),
                        GrantPeriod.parse(Fields.text(r, "period")), Fields.number(r, "starts_at_ms", 0, MAX_MS),
                        Fields.nullableNumber(r, "ends_at_ms", 0, MAX_MS),
                        CarryOver.parse(Fields.optionalText(r, "carryover")), Fields.optionalText(r, "zone"),
                        Fields.optionalText(r, "note"));
            }
            case "delete_grant" -> {
                access.requireAdmin(c, "deleting a grant");
                return new DeleteGrant(key, actor, Fields.number(r, "id", 1, Long.MAX_VALUE),
                        Fields.optionalText(r, "note"));
            }
            case "set_alert_thresholds" -> {
                String account = Fields.text(r, "account");
                access.requireCoordinator(c, account, "the alert thresholds of " + account);
                return new SetAlertThresholds(key, actor, account, percents(r));
            }
            default -> {
                return null;
            }
        }
    }

    private static List<Integer> percents(ObjectNode r) {
        JsonNode node = r.get("percents");
        if (node == null || !node.isArray() || node.size() > MAX_THRESHOLDS) {
            throw new BadRequest("field 'percents' must be a list of at most " + MAX_THRESHOLDS
                    + " whole percentages, e.g. [50, 90, 100]");
        }
        List<Integer> percents = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isInt()) {
                throw new BadRequest("field 'percents' must hold whole numbers, got " + item);
            }
            percents.add(item.intValue());
        }
        return percents;
    }

    ObjectNode answer(Caller c, String op, ObjectNode r) {
        String account = Fields.optionalText(r, "account");
        if (account == null) {
            access.requireAdmin(c, "the " + op.replace('_', ' ') + " of every account (name one with account=)");
        } else {
            access.requireReader(c, account, "the " + op.replace('_', ' ') + " of " + account);
        }
        return ledger.read(view -> {
            Map<Long, String> names = new HashMap<>();
            view.accounts().forEach(a -> names.put(a.id(), a.name()));
            Long only = account == null ? null : view.account(account).map(Account::id).orElseThrow(
                    () -> new BadRequest("account '" + account + "' does not exist"));
            ObjectNode answer = Replies.ok();
            ArrayNode rows = answer.putArray("rows");
            if (op.equals("grants")) {
                for (Grant g : view.rows(GrantRows.class).grants()) {
                    if (only == null || only == g.accountId()) {
                        ObjectNode row = rows.addObject().put("id", g.id()).put("account", names.get(g.accountId()))
                                .put("amount_micro_su", g.amountMicroSu()).put("period", g.period().sqlName())
                                .put("starts_at_ms", g.firstStartMs()).put("zone", g.zone().getId())
                                .put("carryover", g.carryOver().toString()).put("note", g.note());
                        if (g.endsAtMs() == null) {
                            row.putNull("ends_at_ms");
                        } else {
                            row.put("ends_at_ms", g.endsAtMs());
                        }
                    }
                }
            } else {
                view.rows(AlertRows.class).alertThresholds().forEach((id, percents) -> {
                    if (only == null || only.equals(id)) {
                        ObjectNode row = rows.addObject().put("account", names.get(id));
                        percents.forEach(row.putArray("percents")::add);
                    }
                });
            }
            return answer.put("truncated", false);
        });
    }
}
