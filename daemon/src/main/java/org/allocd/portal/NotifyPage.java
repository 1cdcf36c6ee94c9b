package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.allocd.alert.Percents;

/**
 * Alert thresholds as forms: a user's own alert mail (the 'notify_settings' and 'set_notify' ops, allocmgr
 * notify) and an account's thresholds (the 'alert_thresholds' and 'set_alert_thresholds' ops, allocmgr modify
 * account alert_thresholds=). Percentages are read as allocmgr reads them (Percents).
 */
final class NotifyPage {
    private NotifyPage() {}

    static Html mine(Visit v, Html notice) {
        JsonNode setting = v.ask("notify_settings").path("rows").path(0);
        boolean mail = setting.path("mail").asBoolean();
        JsonNode percents = setting.path("percents");
        String thresholds = percents.isArray() ? joined(percents) : v.m.t("notify.accounts");
        return Layout.page(v, v.m.t("notify.title"), notice,
                Cells.figures(v.m, List.of("notify.mail", v.m.t(mail ? "notify.on" : "notify.off"),
                        "notify.thresholds", thresholds)),
                el("form", Html.attrs("method", "post", "action", "/notify"), v.hiddenFields(),
                        el("fieldset", el("legend", text(v.m.t("notify.change"))),
                                el("label", text(v.m.t("notify.mail") + " "), el("select", Html.attrs("name", "mail"),
                                        option("yes", v.m.t("notify.on"), mail), option("no", v.m.t("notify.off"), !mail))),
                                JobsPage.input(v.m.t("notify.ownThresholds"), "thresholds", "text",
                                        percents.isArray() ? joined(percents) : null),
                                el("label", el("input", Html.attrs("type", "checkbox", "name", "account_thresholds",
                                        "value", "yes")), text(" " + v.m.t("notify.useAccounts"))),
                                el("button", Html.attrs("type", "submit"), text(v.m.t("account.save"))))));
    }

    /** set_notify: mail on or off; thresholds typed (empty: unchanged), or back to the accounts' own. */
    static void saveMine(Visit v) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("op", "set_notify").put("mail", v.field("mail"))
                .put("key", v.field("key"));
        if (v.field("account_thresholds") != null) {
            request.put("percents", "account");
        } else if (v.field("thresholds") != null) {
            request.set("percents", percents(v, v.field("thresholds")));
        }
        v.ask(request);
    }

    static Html account(Visit v, String account, Html notice) {
        JsonNode rows = v.ask("alert_thresholds", "account", account).path("rows");
        String current = rows.isEmpty() ? v.m.t("table.none") : joined(rows.path(0).path("percents"));
        return Layout.page(v, v.m.t("alerts.title", account), notice,
                Cells.figures(v.m, List.of("notify.thresholds", current)),
                el("form", Html.attrs("method", "post", "action", Html.path("accounts", account, "alerts")),
                        v.hiddenFields(), el("fieldset", el("legend", text(v.m.t("alerts.change"))),
                                JobsPage.input(v.m.t("alerts.percents"), "thresholds", "text",
                                        rows.isEmpty() ? null : joined(rows.path(0).path("percents"))),
                                el("button", Html.attrs("type", "submit"), text(v.m.t("account.save"))))));
    }

    static void saveAccount(Visit v, String account) {
        String typed = v.field("thresholds");
        v.ask(JsonNodeFactory.instance.objectNode().put("op", "set_alert_thresholds").put("account", account)
                .put("key", v.field("key")).set("percents", percents(v, typed == null ? "" : typed)));
    }

    private static ArrayNode percents(Visit v, String typed) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        try {
            Percents.parse(typed).forEach(list::add);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, v.m.t("error.percents", e.getMessage()));
        }
        return list;
    }

    private static String joined(JsonNode percents) {
        List<String> parts = new ArrayList<>();
        percents.forEach(p -> parts.add(p.asText() + "%"));
        return String.join(", ", parts);
    }

    private static Html option(String value, String label, boolean selected) {
        return el("option", Html.attrs("value", value, "selected", selected ? "" : null), text(label));
    }
}
