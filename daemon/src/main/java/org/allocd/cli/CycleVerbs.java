package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.allocd.alert.Percents;
import org.allocd.ledger.MicroSu;

/** allocmgr verbs of allocation cycles and alerts: recurring grants, alert thresholds and users' alert mail. */
final class CycleVerbs {
    static final String THRESHOLDS = "alert_thresholds";
    static final String THRESHOLDS_HELP = "percentages of the active allocations used at which the coordinators are"
            + " alerted, e.g. 50,90,100 (empty: none)";
    private static final String FORMAT = "format";
    private static final String FORMAT_HELP = "columns to show, e.g. format=Id,Account (names as in the header)";

    private static final Table GRANTS = new Table(List.of(Column.number("Id", "id"), Column.text("Account", "account"),
            Column.su("Amount", "amount_micro_su"), Column.text("Period", "period"),
            Column.time("Start", "starts_at_ms"), Column.time("End", "ends_at_ms"),
            Column.text("CarryOver", "carryover"), Column.text("Zone", "zone").hidden(),
            Column.text("Note", "note").hidden()));
    private static final Table THRESHOLD_ROWS = new Table(List.of(Column.text("Account", "account"),
            Column.text("Thresholds", "thresholds")));
    private static final Table NOTIFY_ROWS = new Table(List.of(Column.text("User", "user"),
            Column.text("Mail", "mail"), Column.text("Thresholds", "thresholds")));
    private static final String NOTIFY_USER_HELP = "another user (admins only; default: you)";

    private CycleVerbs() {}

    static List<Verbs.Verb> all() {
        return List.of(
                new Verbs.Verb("add", "grant", List.of(), "a recurring grant: the daemon deposits amount= every period"
                        + " (asks first)",
                        Verbs.fields("account", "the account (or give it bare)", "amount", "SU per period, more than 0",
                                "period", "monthly, quarterly or yearly", "start", "the first period's start day"
                                        + " (YYYY-MM-DD) or ISO date-time; later periods start on the same day",
                                "end", "the last day of the last period, inclusive (default: no end)",
                                "carryover", "what of a period's unused money moves into the next: none (default),"
                                        + " all, an amount in SU (e.g. 500) or a share of the grant (e.g. 20%)",
                                "note", "why; recorded with every period's deposit"),
                        CycleVerbs::addGrant),
                new Verbs.Verb("show", "grant", List.of("grants"), "recurring grants (name an account unless admin)",
                        Verbs.fields("account", "one account (or give it bare)", FORMAT, FORMAT_HELP),
                        (s, w) -> s.rows(GRANTS, s.ask(Session.request("grants").put("account", w.name("account"))),
                                w.get(FORMAT))),
                new Verbs.Verb("delete", "grant", List.of(), "stop a recurring grant; allocations made stay (asks first)",
                        Verbs.fields("id", "the grant's id (or give it bare), as 'show grant' lists it",
                                "note", "why; recorded in the journal"),
                        CycleVerbs::deleteGrant),
                new Verbs.Verb("show", "alerts", List.of("alert"), "alert thresholds of accounts (name an account"
                        + " unless admin)",
                        Verbs.fields("account", "one account (or give it bare)", FORMAT, FORMAT_HELP),
                        (s, w) -> {
                            ObjectNode answer = s.ask(Session.request("alert_thresholds")
                                    .put("account", w.name("account")));
                            for (var row : answer.get("rows")) {
                                StringBuilder text = new StringBuilder();
                                row.get("percents").forEach(p -> text.append(text.length() == 0 ? "" : ",")
                                        .append(p.asInt()));
                                ((ObjectNode) row).put("thresholds", text.toString());
                            }
                            s.rows(THRESHOLD_ROWS, answer, w.get(FORMAT));
                        }),
                new Verbs.Verb(null, "notify", List.of(), "your alert mail: mail=no stops it, mail=yes starts it"
                        + " again; thresholds=80,95 mails you at your own percentages of every account you belong"
                        + " to (members get no mail without them), thresholds=account at each account's own"
                        + " (coordinators only)",
                        Verbs.fields("user", NOTIFY_USER_HELP, "mail", "yes or no",
                                "thresholds", "percentages used, e.g. 80,95, or account"),
                        CycleVerbs::notify),
                new Verbs.Verb("show", "notify", List.of(), "your alert mail settings",
                        Verbs.fields("user", NOTIFY_USER_HELP, FORMAT, FORMAT_HELP),
                        (s, w) -> {
                            ObjectNode answer = s.ask(Session.request("notify_settings").put("user", w.name("user")));
                            for (var row : answer.get("rows")) {
                                JsonNode percents = row.get("percents");
                                StringBuilder text = new StringBuilder(percents.isArray() ? "" : "each account's");
                                percents.forEach(p -> text.append(text.length() == 0 ? "" : ",").append(p.asInt()));
                                ((ObjectNode) row).put("mail", row.get("mail").asBoolean() ? "yes" : "no")
                                        .put("thresholds", text.toString());
                            }
                            s.rows(NOTIFY_ROWS, answer, w.get(FORMAT));
                        }));
    }

    private static void notify(Session s, Words w) {
        w.noName();
        if (!w.has("mail") && !w.has("thresholds")) {
            throw new UsageException("say what to change: mail=yes|no and/or thresholds=80,95 (or thresholds=account);"
                    + " 'allocmgr show notify' shows your settings");
        }
        ObjectNode r = Session.request("set_notify").put("user", w.get("user")).put("mail", w.get("mail"));
        if (w.has("thresholds")) {
            if (w.get("thresholds").equals("account")) {
                r.put("percents", "account");
            } else {
                r.set("percents", percentList("thresholds", w.get("thresholds")));
            }
        }
        s.done(s.write(r));
    }

    private static void addGrant(Session s, Words w) {
        String account = w.requiredName("account");
        long amount = Verbs.positive(w);
        ObjectNode r = Session.request("add_grant").put("account", account).put("amount_micro_su", amount)
                .put("period", w.required("period"))
                .put("starts_at_ms", Dates.startMillis("start", w.required("start"), s.zone()))
                .put("carryover", w.get("carryover")).put("zone", s.zone().getId()).put("note", w.get("note"));
        if (w.has("end")) {
            long end = Dates.endMillis("end", w.get("end"), s.zone());
            if (end <= r.get("starts_at_ms").asLong()) {
                throw new UsageException("end=" + w.get("end") + " is not after start=" + w.get("start"));
            }
            r.put("ends_at_ms", end);
        }
        s.confirm("grant " + MicroSu.format(amount) + " SU " + w.get("period") + " to " + account);
        s.done(s.write(r));
    }

    private static void deleteGrant(Session s, Words w) {
        String id = w.requiredName("id");
        if (!id.matches("\\d{1,18}")) {
            throw new UsageException("id=" + id + " is not a grant id; 'allocmgr show grant' lists them");
        }
        s.confirm("stop grant " + id);
        s.done(s.write(Session.request("delete_grant").put("id", Long.parseLong(id)).put("note", w.get("note"))));
    }

    /** Sends alert_thresholds= of add/modify account, when given. */
    static void thresholds(Session s, Words w, String account) {
        if (!w.has(THRESHOLDS)) {
            return;
        }
        ObjectNode r = Session.request("set_alert_thresholds").put("account", account);
        r.set("percents", percentList(THRESHOLDS, w.get(THRESHOLDS)));
        s.done(s.write(r));
    }

    /** "50,90%,100" as [50, 90, 100]; empty parts are skipped. */
    private static ArrayNode percentList(String key, String text) {
        ArrayNode percents = JsonNodeFactory.instance.arrayNode();
        try {
            Percents.parse(text).forEach(percents::add);
        } catch (IllegalArgumentException e) {
            throw new UsageException(key + "=" + text + ": " + e.getMessage() + "; write e.g. " + key + "=50,90,100");
        }
        return percents;
    }
}
