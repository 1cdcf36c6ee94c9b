package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin's pages: every account with its figures and state changes, the money forms, verify, and the
 * journal. Each change is the registry's op (set_account_state, deposit, withdraw, transfer, refund, adjust),
 * so its admin rule applies here exactly as in allocmgr.
 */
final class AdminPages {
    static final List<Cells.Column> ACCOUNTS = List.of(Cells.plain("col.account", "account"),
            Cells.plain("col.parent", "parent"), Cells.plain("col.state", "state"),
            Cells.plain("col.description", "description"), Cells.su("fig.balance", "balance_micro_su"),
            Cells.su("fig.openLiens", "open_liens_micro_su"), Cells.su("fig.available", "available_micro_su"));
    static final List<Cells.Column> JOURNAL = List.of(Cells.number("col.id", "id"), Cells.time("col.at", "at_ms"),
            Cells.plain("col.kind", "kind"), Cells.plain("col.account", "account"), Cells.plain("col.user", "user"),
            Cells.plain("col.job", "job"), Cells.su("col.amount", "amount_micro_su"), Cells.plain("col.actor", "actor"),
            Cells.plain("col.note", "note"));
    private static final List<String> STATES = List.of("active", "frozen", "closed");

    private AdminPages() {}

    static Html overview(Visit v, Html notice) {
        String state = v.param("state");
        List<JsonNode> accounts = new ArrayList<>();
        for (JsonNode row : v.ask("balances").path("rows")) {
            if (state == null || state.equals(row.path("state").asText())) {
                ObjectNode own = row.path("own").deepCopy();
                own.put("account", row.path("account").asText()).put("parent", row.path("parent").asText(null))
                        .put("state", row.path("state").asText()).put("description", row.path("description").asText(null));
                accounts.add(own);
            }
        }
        int users = v.ask("users").path("rows").size();
        // Health as the bank sees it: open liens, and whether Slurm answers (the jobs view asks it).
        JsonNode open = v.ask("jobs", "state", "open");
        JsonNode pending = v.ask("jobs", "state", "pending");
        List<Html> stateOptions = new ArrayList<>();
        for (String s : STATES) {
            stateOptions.add(el("option", Html.attrs("value", s), text(v.m.t("state." + s))));
        }
        return Layout.page(v, v.m.t("admin.title"), notice,
                Cells.figures(v.m, List.of("admin.accounts", Integer.toString(accounts.size()),
                        "admin.users", Integer.toString(users),
                        "admin.openLiens", open.path("rows").size() + (open.path("truncated").asBoolean() ? "+" : ""),
                        "admin.slurm", pending.path("slurm_reachable").asBoolean()
                                ? v.m.t("admin.slurmUp", pending.path("rows").size())
                                : pending.path("slurm_note").asText())),
                el("form", Html.attrs("method", "get", "action", "/admin"),
                        JobsPage.input(v.m.t("col.state"), "state", "text", state),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("jobs.filter")))),
                Cells.table(v.m, v.m.t("admin.allAccounts"), ACCOUNTS, accounts),
                el("form", Html.attrs("method", "post", "action", "/admin/state"), v.hiddenFields(),
                        el("fieldset", el("legend", text(v.m.t("admin.changeState"))),
                                JobsPage.input(v.m.t("col.account"), "account", "text", null),
                                el("label", text(v.m.t("col.state") + " "),
                                        el("select", Html.attrs("name", "state"), Html.join(stateOptions))),
                                el("button", Html.attrs("type", "submit"), text(v.m.t("account.save"))))),
                el("form", Html.attrs("method", "post", "action", "/admin/verify"), v.hiddenFields(),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("admin.verify")))));
    }

    static void setState(Visit v) {
        v.ask("set_account_state", "name", v.field("account"), "state", v.field("state"), "key", v.field("key"));
    }

    /** verify's answer in words: clean, or each problem it found. */
    static Html verify(Visit v) {
        JsonNode report = v.ask("verify");
        List<Html> problems = new ArrayList<>();
        report.path("problems").forEach(p -> problems.add(el("li", text(p.asText()))));
        boolean clean = report.path("clean").asBoolean(problems.isEmpty());
        return el("p", Html.attrs("class", clean ? "notice" : "error", "role", "status"),
                text(clean ? v.m.t("admin.verifyClean", report.path("journal_entries").asText())
                        : v.m.t("admin.verifyProblems")), problems.isEmpty() ? Html.EMPTY : el("ul", Html.join(problems)));
    }

    static Html finance(Visit v, Html notice) {
        return Layout.page(v, v.m.t("finance.title"), notice,
                moneyForm(v, "deposit", List.of("account"), true),
                moneyForm(v, "withdraw", List.of("account"), true),
                moneyForm(v, "transfer", List.of("from", "to"), true),
                moneyForm(v, "refund", List.of("job"), false),
                moneyForm(v, "adjust", List.of("account"), true));
    }

    private static Html moneyForm(Visit v, String op, List<String> names, boolean amountRequired) {
        List<Html> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(JobsPage.input(v.m.t("finance." + name), name, "text", null));
        }
        fields.add(JobsPage.input(v.m.t(amountRequired ? "finance.amount" : "finance.amountOptional"), "amount",
                "text", null));
        if (op.equals("deposit")) {
            fields.add(JobsPage.input(v.m.t("finance.starts"), "starts", "date", null));
            fields.add(JobsPage.input(v.m.t("finance.ends"), "ends", "date", null));
        }
        fields.add(el("label", text(v.m.t("finance.note") + " "),
                el("input", Html.attrs("type", "text", "name", "note", "required", ""))));
        fields.add(el("button", Html.attrs("type", "submit"), text(v.m.t("finance." + op))));
        return el("form", Html.attrs("method", "post", "action", "/admin/finance/" + op), v.hiddenFields(),
                el("fieldset", el("legend", text(v.m.t("finance." + op))), Html.join(fields)));
    }

    /** One money op from its form; a note is required so every line of the journal says why. */
    static void money(Visit v, String op) {
        String note = v.field("note");
        if (note == null) {
            throw new Refused(400, v.m.t("error.noteRequired"));
        }
        String amount = v.field("amount");
        Long micro = amount == null ? null : op.equals("adjust") ? Amounts.parseSigned(amount) : Amounts.parse(amount);
        switch (op) {
            case "deposit" -> v.ask("deposit", "account", v.field("account"), "amount_micro_su", micro,
                    "starts_at_ms", Dates.startOf(v, v.field("starts")), "ends_at_ms", Dates.startOf(v, v.field("ends")),
                    "note", note, "key", v.field("key"));
            case "withdraw", "adjust" -> v.ask(op, "account", v.field("account"), "amount_micro_su", micro,
                    "note", note, "key", v.field("key"));
            case "transfer" -> v.ask("transfer", "from", v.field("from"), "to", v.field("to"), "amount_micro_su", micro,
                    "note", note, "key", v.field("key"));
            case "refund" -> v.ask("refund", "job", v.field("job"), "amount_micro_su", micro, "note", note,
                    "key", v.field("key"));
            default -> throw new Refused(404, v.m.t("problem.notFound"));
        }
    }

    static Html journal(Visit v) {
        JsonNode answer = RecordsPage.records(v, v.param("account"), v.param("cursor"), RecordsPage.PAGE_ROWS);
        return Layout.page(v, v.m.t("journal.title"), RecordsPage.filters(v, "/admin/journal", true),
                RecordsPage.exportLinks(v, "/admin/journal"),
                Cells.table(v.m, v.m.t("journal.title"), JOURNAL, answer.path("rows")),
                PageLinks.LINES.of(v, answer, "account", "kind", "from", "to"));
    }
}
