package org.allocd.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * allocmgr verbs for every user, as the tools of other sites name them: `accounts` (NCSA), `balance`, `jobcharge`
 * and `quote`. They come first in Allocmgr's tables, so a user's call builds these few verbs and not the others.
 */
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
        return List.of(accounts(),
                new Verbs.Verb(null, "balance", List.of(), "each account you may see, since its first deposit:"
                        + " Balance = Deposited + Withdrawn + TransferIn + TransferOut + Charged + Refunded + Adjusted"
                        + " + Expired + Billed (money out is negative); Available = Balance - Liened + CreditLimit; a parent's"
                        + " row is its subtree's unless own=yes; money deposited for a window that starts later is"
                        + " listed under the rows, not in Balance; Forecast says the rate and window it uses"
                        + " (docs/numbers.md)",
                        Verbs.fields("account", "one account and its subtree (or give it bare)", "own", Verbs.OWN_HELP,
                                FORMAT, Verbs.FORMAT_HELP),
                        Verbs::balance),
                new Verbs.Verb(null, "jobcharge", List.of(), "charges by user for an account and its subtree: jobs, SU,"
                        + " share",
                        Verbs.fields("account", "the account (or give it bare)", "start", Verbs.START_HELP, "end",
                                Verbs.END_HELP, FORMAT, Verbs.FORMAT_HELP),
                        Verbs::jobcharge),
                new Verbs.Verb(null, "quote", List.of(), "what a job would cost and whether it could run now, priced as"
                        + " the submit hook prices it",
                        Verbs.fields("account", "the account (default: the user's default account)", "user",
                                "whose job (default: you; another user's needs the admin role)", "partition",
                                "the partition (required)", "qos", "the QOS (default normal)", "cpus",
                                "cores (default 1)", "mem", "memory of the whole job as sbatch --mem takes it: 300G,"
                                        + " 512M (MiB without a unit)",
                                "gpus", "GPUs of the whole job", "nodes", "nodes (default 1)", "exclusive",
                                "yes for node-exclusive", "time", "time limit as sbatch --time takes it, e.g. 1:00:00"
                                        + " (default: the partition's max)", FORMAT, Verbs.FORMAT_HELP),
                        Verbs::quote));
    }

    private static Verbs.Verb accounts() {
        return new Verbs.Verb(null, "accounts", List.of(), "your project summary, as NCSA's accounts prints"
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
                });
    }
}
