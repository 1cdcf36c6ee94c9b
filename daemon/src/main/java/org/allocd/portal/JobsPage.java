package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Jobs with filters (account, state, dates), newest first, a page at a time: the 'jobs' op's cursor goes on
 * from the row a page ended at (an index range, never OFFSET), so a deep page costs what the first does.
 * The downloads carry every job of the filters, the op's largest pages one after another (Downloads).
 */
final class JobsPage {
    static final List<Cells.Column> COLUMNS = List.of(Cells.plain("col.job", "slurm_id"), Cells.plain("col.user", "user"),
            Cells.plain("col.account", "account"), Cells.plain("col.partition", "partition"),
            Cells.plain("col.tres", "req_tres"), Cells.time("col.submit", "submit_ms"),
            Cells.number("col.queued", "queued_s"), Cells.number("col.ran", "run_s"),
            Cells.su("col.lien", "lien_micro_su"), Cells.su("col.charged", "charged_micro_su"),
            Cells.su("col.refunded", "refunded_micro_su"), Cells.plain("col.state", "state"),
            Cells.plain("col.reason", "reason"));
    private static final List<String> STATES = List.of("pending", "open", "charged", "released", "expired");
    /** Jobs on one page: a screenful to read; the older ones are a link away. */
    static final int PAGE_ROWS = 50;

    private JobsPage() {}

    /** my jobs (account null) or an account's jobs (coordinators see every member's). */
    static Html render(Visit v, String account) {
        String state = v.param("state");
        String from = v.param("from");
        String to = v.param("to");
        JsonNode answer = page(v, account, v.param("cursor"), (long) PAGE_ROWS);
        String title = account == null ? v.m.t("jobs.title") : v.m.t("jobs.accountTitle", account);
        return Layout.page(v, title, filters(v, account, state, from, to),
                RecordsPage.exportLinks(v, account == null ? "/jobs" : Html.path("accounts", account, "jobs")),
                Cells.table(v.m, title, COLUMNS, answer.path("rows")),
                PageLinks.JOBS.of(v, answer, "account", "user", "state", "from", "to"));
    }

    /**
     * The 'jobs' op for the page's filters: the caller's own jobs, or an account's (what the caller may see);
     * limit null: the op's largest page (the downloads).
     */
    static JsonNode page(Visit v, String account, String cursor, Long limit) {
        return v.ask("jobs", "user", account == null ? v.caller.user() : v.param("user"),
                "account", account == null ? v.param("account") : account, "state", v.param("state"),
                "from_ms", Dates.startOf(v, v.param("from")), "to_ms", Dates.endOf(v, v.param("to")),
                "cursor", cursor, "limit", limit);
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
}
