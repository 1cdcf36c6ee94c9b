package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Storage use by fileset, where a site imports it (allocmgr import storage): the month's storage lines of the
 * account's bill (the 'bill' op), each fileset with the reserved GB and rate it was charged for.
 */
final class StoragePage {
    static final List<Cells.Column> FILESETS = List.of(Cells.plain("col.account", "account"),
            Cells.plain("storage.fileset", "name"), Cells.plain("storage.detail", "detail"),
            Cells.su("col.amount", "amount_micro_su"));

    private StoragePage() {}

    static Html render(Visit v, String account) {
        String month = RecordsPage.month(v);
        List<JsonNode> filesets = new ArrayList<>();
        for (JsonNode line : RecordsPage.bill(v, account).path("lines")) {
            if (line.path("meter").asText().equals("storage")) {
                filesets.add(line);
            }
        }
        String title = v.m.t("storage.title", account, month);
        return Layout.page(v, title,
                el("form", Html.attrs("method", "get", "action", Html.path("accounts", account, "storage")),
                        JobsPage.input(v.m.t("bill.month"), "month", "month", month),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("jobs.filter")))),
                el("p", text(v.m.t("storage.how"))),
                Cells.table(v.m, title, FILESETS, filesets));
    }
}
