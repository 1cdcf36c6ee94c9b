package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin's statistics: the 'statistics' op's answer as it stands (the figures allocmgr show statistics
 * prints): counts, SU charged and deposited per day as a chart and a table, the accounts and users charged most.
 */
final class StatisticsPage {
    static final List<Cells.Column> DAYS = List.of(Cells.plain("admin.day", "day"),
            Cells.su("fig.charged", "charged_micro_su"), Cells.su("fig.deposited", "deposited_micro_su"));
    static final List<Cells.Column> ACCOUNTS = List.of(Cells.plain("col.account", "account"),
            Cells.su("fig.charged", "charged_micro_su"));
    static final List<Cells.Column> USERS = List.of(Cells.plain("col.user", "user"),
            Cells.su("fig.charged", "charged_micro_su"));

    private StatisticsPage() {}

    static Html render(Visit v) {
        JsonNode answer = v.ask("statistics", "days", days(v));
        long days = answer.path("rows").size();
        List<Charts.Pair> pairs = new ArrayList<>();
        for (JsonNode row : answer.path("rows")) {
            pairs.add(new Charts.Pair(row.path("day").asText(), row.path("charged_micro_su").asLong(),
                    row.path("deposited_micro_su").asLong()));
        }
        String chartTitle = v.m.t("admin.movedPerDay", days);
        return Layout.page(v, v.m.t("admin.statistics"),
                el("form", Html.attrs("method", "get", "action", "/admin/statistics"),
                        JobsPage.input(v.m.t("admin.days"), "days", "number", Long.toString(days)),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("jobs.filter")))),
                Cells.figures(v.m, List.of("admin.accounts", answer.path("accounts").asText(),
                        "admin.users", answer.path("users").asText(), "admin.jobs", answer.path("jobs").asText(),
                        "admin.chargedInDays", Cells.su(answer.path("charged_micro_su").asLong()),
                        "admin.depositedInDays", Cells.su(answer.path("deposited_micro_su").asLong()))),
                el("h2", text(chartTitle)),
                Charts.pairs(chartTitle, v.m.t("fig.charged"), v.m.t("fig.deposited"), pairs),
                el("h2", text(v.m.t("admin.topAccounts"))),
                Cells.table(v.m, v.m.t("admin.topAccounts"), ACCOUNTS, answer.path("top_accounts")),
                el("h2", text(v.m.t("admin.topUsers"))),
                Cells.table(v.m, v.m.t("admin.topUsers"), USERS, answer.path("top_users")),
                el("h2", text(chartTitle)),
                Cells.table(v.m, chartTitle, DAYS, answer.path("rows")));
    }

    /** The days asked for, as the op reads them: a whole number it bounds itself, or its default. */
    private static Long days(Visit v) {
        String days = v.param("days");
        if (days == null) {
            return null;
        }
        try {
            return Long.parseLong(days);
        } catch (NumberFormatException e) {
            throw new Refused(400, v.m.t("admin.daysNotANumber", days));
        }
    }
}
