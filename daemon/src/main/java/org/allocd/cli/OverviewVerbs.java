package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * allocmgr's views of the bank as a whole, the same answers the portal's statistics, health and account
 * pages show. Statistics: the totals, then the days, then the accounts and users charged most (one table
 * each); days: an account's (or the bank's) money per UTC day; health: one row. --json prints the op's answer
 * whole.
 */
final class OverviewVerbs {
    private static final Table TOTALS = new Table(List.of(Column.number("Accounts", "accounts"),
            Column.number("Users", "users"), Column.number("Jobs", "jobs"), Column.time("From", "from_ms"),
            Column.time("To", "to_ms"), Column.su("Charged", "charged_micro_su"),
            Column.su("Deposited", "deposited_micro_su")));
    private static final Table DAYS = new Table(List.of(Column.text("Day", "day"),
            Column.su("Charged", "charged_micro_su"), Column.su("Deposited", "deposited_micro_su")));
    private static final Table ACCOUNTS = new Table(List.of(Column.text("Account", "account"),
            Column.su("Charged", "charged_micro_su")));
    private static final Table USERS = new Table(List.of(Column.text("User", "user"),
            Column.su("Charged", "charged_micro_su")));

    private static final Table HEALTH = new Table(List.of(Column.text("SlurmAnswers", "slurm_reachable"),
            Column.number("HeldForFunds", "held_for_funds"), Column.number("LiensPastTime", "open_liens_past_time"),
            Column.number("Spooled", "spool_events"), Column.time("OldestSpooled", "spool_oldest_written_at_ms"),
            Column.number("Quarantined", "spool_quarantined"), Column.time("LastReconcile", "reconcile_at_ms"),
            Column.time("LastVerify", "verify_at_ms"), Column.text("Clean", "verify_clean"),
            Column.number("Problems", "verify_problem_count")));

    private OverviewVerbs() {}

    static List<Verbs.Verb> all() {
        return List.of(new Verbs.Verb("show", "statistics", List.of("stats"), "how many accounts, users and jobs;"
                + " SU charged (net of refunds) and deposited on each of the last days; the accounts and users"
                + " charged most in them (admins)",
                Verbs.fields("days", "how many days, today the last (1-366, default 30)"), (s, w) -> {
                    w.noName();
                    ObjectNode request = Session.request("statistics");
                    if (w.has("days")) {
                        request.put("days", Verbs.count(w, "days", 0));
                    }
                    ObjectNode answer = s.ask(request);
                    if (s.format == OutputFormat.JSON) {
                        s.rows(DAYS, answer, null);
                        return;
                    }
                    ArrayNode totals = JsonNodeFactory.instance.arrayNode().add(answer.deepCopy());
                    s.rows(TOTALS, Verbs.withRows(answer, totals), null);
                    s.out.println();
                    s.rows(DAYS, answer, null);
                    s.out.println();
                    s.rows(ACCOUNTS, Verbs.withRows(answer, (ArrayNode) answer.get("top_accounts")), null);
                    s.out.println();
                    s.rows(USERS, Verbs.withRows(answer, (ArrayNode) answer.get("top_users")), null);
                }),
                new Verbs.Verb("show", "days", List.of("day"), "SU charged (net of refunds) and deposited on each of"
                        + " the last days (UTC), today the last: of an account and its subtree (coordinators), or of"
                        + " the whole bank (admins, no account)",
                        Verbs.fields("account", "the account (or give it bare; none: the whole bank)", "days",
                                "how many days, today the last (1-366, default 30)"), (s, w) -> {
                            ObjectNode request = Session.request("money_by_day").put("account", w.name("account"));
                            if (w.has("days")) {
                                request.put("days", Verbs.count(w, "days", 0));
                            }
                            s.rows(DAYS, s.ask(request), null);
                        }),
                new Verbs.Verb("show", "health", List.of(), "open liens past their time, jobs held for funds, whether"
                        + " Slurm answers, the last verify and its result (admins)", Verbs.fields(), (s, w) -> {
                            w.noName();
                            ObjectNode answer = s.ask(Session.request("health"));
                            ObjectNode row = answer.deepCopy();
                            flatten(row, answer, "spool", "spool_", "events", "oldest_written_at_ms", "quarantined");
                            flatten(row, answer, "last_reconcile", "reconcile_", "at_ms");
                            flatten(row, answer, "last_verify", "verify_", "at_ms", "clean", "problem_count");
                            s.rows(HEALTH, Verbs.withRows(answer, JsonNodeFactory.instance.arrayNode().add(row)), null);
                            s.footer(answer.path("slurm_note").asText(null));
                            s.footer(more(answer.path("spool"), "events_more", "more than "
                                    + answer.path("spool").path("events").asText() + " events wait in "
                                    + answer.path("spool").path("dir").asText()));
                            s.footer(reconcileNote(answer.path("last_reconcile")));
                        }));
    }

    /** The object's fields beside the row's own, under a prefix, for the one-row table. */
    private static void flatten(ObjectNode row, ObjectNode answer, String object, String prefix, String... fields) {
        for (String field : fields) {
            row.set(prefix + field, answer.path(object).path(field));
        }
    }

    private static String more(JsonNode node, String flag, String note) {
        return node.path(flag).asBoolean(false) ? note : null;
    }

    /** What the last lien reconcile did, in words; null before the first. */
    private static String reconcileNote(JsonNode run) {
        if (run.path("at_ms").isNull() || run.path("at_ms").isMissingNode()) {
            return null;
        }
        if (!run.path("slurm_asked").asBoolean()) {
            return "last reconcile: Slurm cannot be asked from here, so liens past their time were released without"
                    + " asking";
        }
        return "last reconcile: " + run.path("looked_at").asLong() + " liens past their time: "
                + run.path("charged").asLong() + " charged from Slurm's record, " + run.path("released").asLong()
                + " released, " + run.path("extended").asLong() + " still running in Slurm, "
                + run.path("waiting").asLong() + " waiting for Slurm to answer";
    }
}
