package org.allocd.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * allocmgr's view of the 'statistics' op, the same answer the portal's statistics page shows: the totals,
 * then the days, then the accounts and users charged most (one table each; --json prints the answer whole).
 */
final class StatisticsVerbs {
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

    private StatisticsVerbs() {}

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
                }));
    }
}
