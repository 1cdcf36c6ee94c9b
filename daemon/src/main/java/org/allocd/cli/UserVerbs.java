package org.allocd.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** allocmgr verbs for every user, as the tools of other sites name them: `accounts` (NCSA) and `jobcharge`'s kin. */
final class UserVerbs {
    private static final String FORMAT = "format";
    private static final String FORMAT_HELP = "columns to show, e.g. format=Account,\"Balance (SU)\" (names as in"
            + " the header)";

    /** NCSA's columns, then the user's own use and per-user limit on each account (blank: no limit). */
    private static final Table SUMMARY = new Table(List.of(Column.text("Account", "account"),
            Column.su("Balance (SU)", "balance_micro_su"), Column.su("Deposited (SU)", "deposited_micro_su"),
            Column.text("Project description", "description"), Column.su("Your use (SU)", "user_used_micro_su"),
            Column.su("Your limit (SU)", "user_limit_micro_su"), Column.text("Counts", "user_use_counts"),
            Column.text("State", "state").hidden()));

    private UserVerbs() {}

    static List<Verbs.Verb> all() {
        return List.of(new Verbs.Verb(null, "accounts", List.of(), "your project summary, as NCSA's accounts prints"
                + " it: every account you may charge with its balance and deposits (as allocmgr balance computes"
                + " them), and your own use against your per-user limit where one is set",
                Verbs.fields("user", "another user's summary (admins only)", FORMAT, FORMAT_HELP),
                (s, w) -> {
                    w.noName();
                    ObjectNode answer = s.ask(Session.request("project_summary").put("user", w.get("user")));
                    if (s.format == OutputFormat.TABLE && s.header) {
                        s.out.println("Project Summary for User '" + answer.path("user").asText() + "':");
                        s.out.println();
                    }
                    s.rows(SUMMARY, answer, w.get(FORMAT));
                }));
    }
}
