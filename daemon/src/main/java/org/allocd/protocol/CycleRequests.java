package org.allocd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allocd.access.Caller;
import org.allocd.alert.AlertRows;
import org.allocd.alert.NotifySetting;
import org.allocd.alert.SetNotify;
import org.allocd.alert.SetAlertThresholds;
import org.allocd.cycle.AddGrant;
import org.allocd.cycle.CarryOver;
import org.allocd.cycle.DeleteGrant;
import org.allocd.cycle.Grant;
import org.allocd.cycle.GrantPeriod;
import org.allocd.cycle.GrantRows;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.Lookup;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
import org.allocd.ledger.User;

/**
 * The admin ops of allocation cycles and alerts (docs/protocol.md): recurring
 * grants, alert thresholds, users' alert mail, and their views.
 */
final class CycleRequests {
    private static final long MAX_MILLIS = 253_402_300_800_000L; // year 10000
    private static final int MAX_THRESHOLDS = 10;

    private final Ledger ledger;

    CycleRequests(Ledger ledger) {
        this.ledger = ledger;
    }

    static Operation addGrant(ObjectNode r, String key, String actor) {
        return new AddGrant(key, actor, Fields.text(r, "account"),
                Fields.number(r, "amount_micro_su", 1, MicroSu.MAX_AMOUNT),
                GrantPeriod.parse(Fields.text(r, "period")), Fields.number(r, "starts_at_ms", 0, MAX_MILLIS),
                Fields.nullableNumber(r, "ends_at_ms", 0, MAX_MILLIS),
                CarryOver.parse(Fields.optionalText(r, "carryover")), Fields.optionalText(r, "zone"),
                Fields.optionalText(r, "note"));
    }

    static Operation deleteGrant(ObjectNode r, String key, String actor) {
        return new DeleteGrant(key, actor, Fields.number(r, "id", 1, Long.MAX_VALUE),
                Fields.optionalText(r, "note"));
    }

    static Operation setAlertThresholds(ObjectNode r, String key, String actor) {
        return new SetAlertThresholds(key, actor, Fields.text(r, "account"), percents(r));
    }

    /** user absent: the caller (actor); percents absent: unchanged, "account": each account's thresholds. */
    static Operation setNotify(ObjectNode r, String key, String actor) {
        String user = Fields.optionalText(r, "user");
        JsonNode percents = r.get("percents");
        boolean accountPercents = percents != null && percents.isTextual();
        if (accountPercents && !percents.asText().equals("account")) {
            throw new BadRequest("field 'percents' must be a list of whole percentages or \"account\"");
        }
        return new SetNotify(key, actor, user == null ? actor : user, Fields.optionalText(r, "mail"),
                percents == null || accountPercents ? null : percents(r), accountPercents);
    }

    /** One user's alert mail setting (the caller's unless user= names another). */
    ObjectNode notifySettings(Caller c, ObjectNode r) {
        String named = Fields.optionalText(r, "user");
        String name = named == null ? c.user() : named;
        return ledger.read(view -> {
            User user = Lookup.user(view, name);
            NotifySetting n = view.rows(AlertRows.class).notifySettings().getOrDefault(user.id(),
                    NotifySetting.defaultFor(user.id()));
            ObjectNode answer = Replies.ok();
            ObjectNode row = answer.putArray("rows").addObject().put("user", user.name()).put("mail", n.mail());
            if (n.percents() == null) {
                row.put("percents", "account");
            } else {
                n.percents().forEach(row.putArray("percents")::add);
            }
            return answer.put("truncated", false);
        });
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

    /** Recurring grants, of one account or (admins) of all. */
    ObjectNode grants(ObjectNode r) {
        return rows(r, (view, names, only, rows) -> {
            for (Grant g : view.rows(GrantRows.class).grants()) {
                if (only == null || only == g.accountId()) {
                    ObjectNode row = rows.addObject().put("id", g.id()).put("account", names.get(g.accountId()))
                            .put("amount_micro_su", g.amountMicroSu()).put("period", g.period().sqlName())
                            .put("starts_at_ms", g.firstStartMillis()).put("zone", g.zone().getId())
                            .put("carryover", g.carryOver().toString()).put("note", g.note());
                    if (g.endsAtMillis() == null) {
                        row.putNull("ends_at_ms");
                    } else {
                        row.put("ends_at_ms", g.endsAtMillis());
                    }
                }
            }
        });
    }

    /** Alert thresholds, of one account or (admins) of all. */
    ObjectNode alertThresholds(ObjectNode r) {
        return rows(r, (view, names, only, rows) -> view.rows(AlertRows.class).alertThresholds().forEach((id, percents) -> {
            if (only == null || only.equals(id)) {
                ObjectNode row = rows.addObject().put("account", names.get(id));
                percents.forEach(row.putArray("percents")::add);
            }
        }));
    }

    private interface RowWriter {
        void write(LedgerView view, Map<Long, String> names, Long only, ArrayNode rows);
    }

    private ObjectNode rows(ObjectNode r, RowWriter writer) {
        String account = Fields.optionalText(r, "account");
        return ledger.read(view -> {
            Map<Long, String> names = new HashMap<>();
            view.accounts().forEach(a -> names.put(a.id(), a.name()));
            Long only = account == null ? null : ReportRequests.named(view, account).id();
            ObjectNode answer = Replies.ok();
            writer.write(view, names, only, answer.putArray("rows"));
            return answer.put("truncated", false);
        });
    }
}
