package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.allocd.cli.Exports;

/**
 * An account's charge and payment records (the 'transactions' op: the journal lines of its subtree, filtered
 * by kind, user and time, a page at a time by the op's cursor) and its monthly bill (the 'bill' op, the
 * figures 'allocmgr bill' prints), each
 * with CSV and JSON downloads that are allocmgr's own output for the same answer.
 */
final class RecordsPage {
    private RecordsPage() {}

    /** Journal lines on one page: about 220 bytes each in the page, so a first load stays far under 300 KB. */
    static final int PAGE_ROWS = 100;
    /** The op's largest page: a download reads its lines this many at a time. */
    private static final int EXPORT_PAGE_LINES = 2_000;

    /** A page of the account's lines (or, account null, every account's: the admin's journal) for the filters. */
    static JsonNode records(Visit v, String account, String cursor, int limit) {
        return v.ask("transactions", "account", account, "kind", v.param("kind"), "user", v.param("user"),
                "from_ms", Dates.startOf(v, v.param("from")), "to_ms", Dates.endOf(v, v.param("to")),
                "cursor", cursor, "limit", (long) limit);
    }

    /** A page of a download of the filters' lines (Downloads reads them all, one page after another). */
    static JsonNode exportPage(Visit v, String account, String cursor) {
        return records(v, account, cursor, EXPORT_PAGE_LINES);
    }

    static Html recordsPage(Visit v, String account) {
        String path = Html.path("accounts", account, "records");
        JsonNode answer = records(v, account, v.param("cursor"), PAGE_ROWS);
        return Layout.page(v, v.m.t("records.title", account), filters(v, path, false), exportLinks(v, path),
                Cells.table(v.m, v.m.t("records.title", account), AdminPages.JOURNAL, answer.path("rows")),
                PageLinks.LINES.of(v, answer, "user", "kind", "from", "to"));
    }

    static Html filters(Visit v, String path, boolean accountField) {
        return el("form", Html.attrs("method", "get", "action", path, "aria-label", v.m.t("jobs.filters")),
                accountField ? JobsPage.input(v.m.t("col.account"), "account", "text", v.param("account")) : Html.EMPTY,
                accountField ? Html.EMPTY : JobsPage.input(v.m.t("col.user"), "user", "text", v.param("user")),
                JobsPage.input(v.m.t("col.kind"), "kind", "text", v.param("kind")),
                JobsPage.input(v.m.t("jobs.from"), "from", "date", v.param("from")),
                JobsPage.input(v.m.t("jobs.to"), "to", "date", v.param("to")),
                el("button", Html.attrs("type", "submit"), text(v.m.t("jobs.filter"))));
    }

    /** Download links for the same filters: path.csv and path.json. */
    static Html exportLinks(Visit v, String path) {
        String[] filters = {"account", v.param("account"), "user", v.param("user"), "state", v.param("state"),
                "kind", v.param("kind"), "from", v.param("from"), "to", v.param("to"), "month", v.param("month")};
        return el("p", text(v.m.t("export.label") + " "), Layout.link(Html.query(path + ".csv", filters), "CSV"),
                text(" | "), Layout.link(Html.query(path + ".json", filters), "JSON"));
    }

    static String month(Visit v) {
        String month = v.param("month");
        if (month == null) {
            return YearMonth.now(ZoneOffset.UTC).toString();
        }
        if (!month.matches("[0-9]{4}-[0-9]{2}")) {
            throw new Refused(400, v.m.t("error.month", month));
        }
        return month;
    }

    static JsonNode bill(Visit v, String account) {
        return v.ask("bill", "account", account, "month", month(v));
    }

    static Html billPage(Visit v, String account) {
        String path = Html.path("accounts", account, "bill");
        JsonNode answer = bill(v, account);
        List<Cells.Column> columns = List.of(Cells.plain("col.scope", "scope"), Cells.plain("col.account", "account"),
                Cells.plain("col.item", "item"), Cells.plain("col.name", "name"), Cells.su("col.amount", "amount_micro_su"));
        return Layout.page(v, v.m.t("bill.title", account, month(v)),
                el("form", Html.attrs("method", "get", "action", path),
                        JobsPage.input(v.m.t("bill.month"), "month", "month", month(v)),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("jobs.filter")))),
                exportLinks(v, path),
                Cells.table(v.m, v.m.t("bill.title", account, month(v)), columns,
                        Exports.billRows(answer, ZoneId.systemDefault())));
    }
}
