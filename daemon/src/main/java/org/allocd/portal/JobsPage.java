package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs with filters (account, state, dates) and keyset pagination: a page ends at a job's submit time and
 * the next page asks the 'jobs' op for jobs submitted before it (to_ms), never for an offset.
 */
final class JobsPage {
    static final int PAGE_ROWS = 50;
    static final List<Cells.Column> COLUMNS = List.of(Cells.plain("col.job", "job"), Cells.plain("col.user", "user"),
            Cells.plain("col.account", "account"), Cells.plain("col.partition", "partition"),
            Cells.plain("col.tres", "req_tres"), Cells.time("col.submit", "submit_ms"),
            Cells.number("col.queued", "queued_s"), Cells.number("col.ran", "run_s"),
            Cells.su("col.lien", "lien_micro_su"), Cells.su("col.charged", "charged_micro_su"),
            Cells.su("col.refunded", "refunded_micro_su"), Cells.plain("col.state", "state"),
            Cells.plain("col.reason", "reason"));
    private static final List<String> STATES = List.of("pending", "open", "charged", "released", "expired");

    private JobsPage() {}

    /** my jobs (account null) or an account's jobs (coordinators see every member's). */
    static Html render(Visit v, String account) {
        String state = v.param("state");
        String from = v.param("from");
        String to = v.param("to");
        Long before = v.param("before") == null ? null : number(v, v.param("before"));
        Long toMillis = Dates.endOf(v, to);
        Long end = before != null && (toMillis == null || before < toMillis) ? before : toMillis;
        JsonNode answer = v.ask("jobs", "user", account == null ? v.caller.user() : v.param("user"),
                "account", account == null ? v.param("account") : account, "state", state,
                "from_ms", Dates.startOf(v, from), "to_ms", end);
        List<JsonNode> rows = new ArrayList<>();
        answer.path("rows").forEach(rows::add);
        List<JsonNode> shown = rows.subList(0, Math.min(PAGE_ROWS, rows.size()));
        Html next = Html.EMPTY;
        if (rows.size() > PAGE_ROWS && shown.get(shown.size() - 1).hasNonNull("submit_ms")) {
            String cursor = Long.toString(shown.get(shown.size() - 1).path("submit_ms").asLong());
            next = el("p", Layout.link(Html.query(v.request.path(), "account", v.param("account"), "state", state,
                    "from", from, "to", to, "user", v.param("user"), "before", cursor), v.m.t("jobs.next")));
        }
        String title = account == null ? v.m.t("jobs.title") : v.m.t("jobs.accountTitle", account);
        return Layout.page(v, title, filters(v, account, state, from, to),
                Cells.table(v.m, title, COLUMNS, shown), next);
    }

    private static Html filters(Visit v, String account, String state, String from, String to) {
        List<Html> options = new ArrayList<>();
        options.add(el("option", Html.attrs("value", ""), text(v.m.t("jobs.anyState"))));
        for (String s : STATES) {
            options.add(el("option", Html.attrs("value", s, "selected", s.equals(state) ? "" : null), text(s)));
        }
        List<Html> fields = new ArrayList<>();
        if (account == null) {
            fields.add(input(v.m.t("col.account"), "account", "text", v.param("account")));
        } else {
            fields.add(input(v.m.t("col.user"), "user", "text", v.param("user")));
        }
        fields.add(el("label", text(v.m.t("col.state") + " "), el("select", Html.attrs("name", "state"),
                Html.join(options))));
        fields.add(input(v.m.t("jobs.from"), "from", "date", from));
        fields.add(input(v.m.t("jobs.to"), "to", "date", to));
        fields.add(el("button", Html.attrs("type", "submit"), text(v.m.t("jobs.filter"))));
        return el("form", Html.attrs("method", "get", "action", v.request.path(), "aria-label", v.m.t("jobs.filters")),
                Html.join(fields));
    }

    static Html input(String label, String name, String type, String value) {
        return el("label", text(label + " "), el("input", Html.attrs("type", type, "name", name, "value", value)));
    }

    private static long number(Visit v, String text) {
        if (!text.matches("[0-9]{1,15}")) {
            throw new Refused(400, v.m.t("error.cursor", text));
        }
        return Long.parseLong(text);
    }
}
