package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allocd.billing.BillNote;

/**
 * Use over time by month (the bill's months, UTC): each month is one 'jobcharge' op, the charges by user that
 * allocmgr jobcharge and statement print for the same window. A member sees their own line of each account
 * they belong to; a coordinator every user of the account (the op decides which rows each may see).
 */
final class UsagePage {
    static final int MONTHS = 12;
    static final List<Cells.Column> OWN = List.of(Cells.plain("bill.month", "month"), Cells.number("usage.jobs", "jobs"),
            Cells.su("col.charged", "charged_micro_su"), Cells.su("col.refunded", "refunded_micro_su"),
            Cells.su("usage.net", "net_micro_su"));

    private UsagePage() {}

    /** /usage: the caller's own use of each account they belong to. */
    static Html mine(Visit v) {
        List<Html> content = new ArrayList<>();
        for (JsonNode membership : v.memberships()) {
            String account = membership.path("account").asText();
            List<JsonNode> rows = new ArrayList<>();
            List<Charts.Bar> bars = new ArrayList<>();
            byMonth(v, account).forEach((month, users) -> {
                ObjectNode row = users.getOrDefault(v.caller.user(), empty()).deepCopy().put("month", month);
                rows.add(row);
                bars.add(new Charts.Bar(month, row.path("net_micro_su").asLong()));
            });
            String title = v.m.t("usage.ofAccount", account);
            content.add(el("section", Html.attrs("aria-label", title), el("h2", text(title)),
                    Charts.bars(title, bars), Cells.table(v.m, title, OWN, rows)));
        }
        if (content.isEmpty()) {
            content.add(el("p", text(v.m.t("dashboard.noAccounts"))));
        }
        return Layout.page(v, v.m.t("usage.title"), content.toArray(Html[]::new));
    }

    /** /accounts/NAME/usage: every user's net use of the account by month, a table and a chart per user. */
    static Html byUser(Visit v, String account) {
        Map<String, Map<String, ObjectNode>> months = byMonth(v, account);
        Map<String, List<Charts.Bar>> bars = new LinkedHashMap<>();
        months.forEach((month, users) -> users.forEach((user, row) -> bars.computeIfAbsent(user, u -> new ArrayList<>())));
        List<Html> head = new ArrayList<>();
        head.add(el("th", Html.attrs("scope", "col"), text(v.m.t("col.user"))));
        months.keySet().forEach(month -> head.add(el("th", Html.attrs("scope", "col"), text(month))));
        List<Html> body = new ArrayList<>();
        for (String user : bars.keySet()) {
            List<Html> cells = new ArrayList<>();
            cells.add(el("th", Html.attrs("scope", "row"), text(user)));
            months.forEach((month, users) -> {
                long net = users.getOrDefault(user, empty()).path("net_micro_su").asLong();
                bars.get(user).add(new Charts.Bar(month, net));
                cells.add(el("td", Html.attrs("class", "num"), text(Cells.su(net))));
            });
            body.add(el("tr", Html.join(cells)));
        }
        String title = v.m.t("usage.byUser", account);
        List<Html> content = new ArrayList<>();
        content.add(body.isEmpty() ? el("p", text(title + ": " + v.m.t("table.none")))
                : el("table", el("caption", text(title + " (" + v.m.t("usage.net") + ")")),
                        el("thead", el("tr", Html.join(head))), el("tbody", Html.join(body))));
        bars.forEach((user, userBars) -> content.add(el("section", Html.attrs("aria-label", user),
                el("h2", text(user)), Charts.bars(v.m.t("usage.ofUser", user, account), userBars))));
        return Layout.page(v, title, content.toArray(Html[]::new));
    }

    /** Month (oldest first) to user to that user's jobcharge row. */
    private static Map<String, Map<String, ObjectNode>> byMonth(Visit v, String account) {
        Map<String, Map<String, ObjectNode>> months = new LinkedHashMap<>();
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        for (int back = MONTHS - 1; back >= 0; back--) {
            String month = now.minusMonths(back).toString();
            JsonNode answer = v.ask("jobcharge", "account", account, "from_ms", BillNote.monthStartMillis(month),
                    "to_ms", BillNote.monthEndMillis(month));
            Map<String, ObjectNode> users = new LinkedHashMap<>();
            answer.path("rows").forEach(row -> users.put(row.path("user").asText(), (ObjectNode) row));
            months.put(month, users);
        }
        return months;
    }

    private static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode().put("jobs", 0)
                .put("charged_micro_su", 0).put("refunded_micro_su", 0).put("net_micro_su", 0);
    }
}
