package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A coordinator's view of one account and its subtree: figures of every sub-account (the 'balances' op),
 * members with their roles and limits and the forms that change them (add_membership, remove_membership),
 * and links to its jobs, records and bill. The ops' own rules decide who may see and change what.
 */
final class AccountPage {
    static final List<Cells.Column> TREE = List.of(Cells.plain("col.account", "account"),
            Cells.plain("col.parent", "parent"), Cells.plain("col.state", "state"),
            Cells.su("fig.deposited", "deposited_micro_su"), Cells.su("fig.charged", "charged_micro_su"),
            Cells.su("fig.balance", "balance_micro_su"), Cells.su("fig.openLiens", "open_liens_micro_su"),
            Cells.su("fig.available", "available_micro_su"), Cells.plain("fig.forecast", "forecast"));
    static final List<Cells.Column> MEMBERS = List.of(Cells.plain("col.user", "user"), Cells.plain("col.role", "role"),
            Cells.su("col.used", "used_micro_su"), Cells.su("col.limit", "limit_micro_su"),
            Cells.plain("col.blockedBy", "blocked_by"));

    static final int USAGE_DAYS = 30;

    private AccountPage() {}

    static Html render(Visit v, String account, Html notice) {
        List<JsonNode> tree = new ArrayList<>();
        for (JsonNode row : v.ask("balances", "account", account).path("rows")) {
            JsonNode subtree = row.path("subtree").deepCopy();
            ((ObjectNode) subtree).put("account", row.path("account").asText())
                    .put("parent", row.path("parent").asText(null)).put("state", row.path("state").asText())
                    .put("forecast", row.path("forecast").path("text").asText());
            tree.add(subtree);
        }
        JsonNode members = v.ask("memberships", "account", account).path("rows");
        String usageTitle = v.m.t("account.usage", USAGE_DAYS);
        return Layout.page(v, v.m.t("account.title", account), notice,
                el("p", Layout.link(Html.path("accounts", account, "jobs"), v.m.t("account.jobs")), text(" | "),
                        Layout.link(Html.path("accounts", account, "records"), v.m.t("account.records")), text(" | "),
                        Layout.link(Html.path("accounts", account, "bill"), v.m.t("account.bill")), text(" | "),
                        Layout.link(Html.path("accounts", account, "usage"), v.m.t("account.usageByUser")), text(" | "),
                        Layout.link(Html.path("accounts", account, "storage"), v.m.t("account.storage")), text(" | "),
                        Layout.link(Html.path("accounts", account, "alerts"), v.m.t("account.alerts"))),
                el("h2", text(v.m.t("account.tree"))),
                Cells.table(v.m, v.m.t("account.tree"), TREE, tree),
                el("h2", text(usageTitle)),
                Charts.bars(usageTitle, chargedByDay(v, account)),
                el("h2", text(v.m.t("account.members"))),
                Cells.table(v.m, v.m.t("account.members"), MEMBERS, members),
                memberForm(v, account), blockForm(v, account), removeForm(v, account));
    }

    /** SU charged (net of refunds) to the account's subtree on each of the last UTC days: the money_by_day op. */
    private static List<Charts.Bar> chargedByDay(Visit v, String account) {
        List<Charts.Bar> bars = new ArrayList<>();
        for (JsonNode day : v.ask("money_by_day", "account", account, "days", (long) USAGE_DAYS).path("rows")) {
            bars.add(new Charts.Bar(day.path("day").asText(), day.path("charged_micro_su").asLong()));
        }
        return bars;
    }

    private static Html memberForm(Visit v, String account) {
        return el("form", Html.attrs("method", "post", "action", Html.path("accounts", account, "members")), v.hiddenFields(),
                el("fieldset", el("legend", text(v.m.t("account.addMember"))),
                        JobsPage.input(v.m.t("col.user"), "user", "text", null),
                        el("label", text(v.m.t("col.role") + " "), el("select", Html.attrs("name", "role"),
                                el("option", Html.attrs("value", "member"), text("member")),
                                el("option", Html.attrs("value", "coordinator"), text("coordinator")))),
                        JobsPage.input(v.m.t("account.limitSu"), "limit", "text", null),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("account.save")))));
    }

    private static Html blockForm(Visit v, String account) {
        return el("form", Html.attrs("method", "post", "action", Html.path("accounts", account, "members", "block")),
                v.hiddenFields(), el("fieldset", el("legend", text(v.m.t("account.blockMember"))),
                        JobsPage.input(v.m.t("col.user"), "user", "text", null),
                        el("label", text(v.m.t("account.blocked") + " "), el("select", Html.attrs("name", "blocked"),
                                el("option", Html.attrs("value", "yes"), text(v.m.t("account.block"))),
                                el("option", Html.attrs("value", "no"), text(v.m.t("account.unblock"))))),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("account.save")))));
    }

    /** set_member_blocked: the member may not charge the account until unblocked. */
    static void blockMember(Visit v, String account) {
        v.ask("set_member_blocked", "account", account, "user", v.field("user"),
                "blocked", !"no".equals(v.field("blocked")), "key", v.field("key"));
    }

    private static Html removeForm(Visit v, String account) {
        return el("form", Html.attrs("method", "post", "action", Html.path("accounts", account, "members", "remove")),
                v.hiddenFields(), el("fieldset", el("legend", text(v.m.t("account.removeMember"))),
                        JobsPage.input(v.m.t("col.user"), "user", "text", null),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("account.remove")))));
    }

    /** add_membership: a new member, or another role or limit for one (an empty limit: none). */
    static void saveMember(Visit v, String account) {
        String limit = v.field("limit");
        v.ask("add_membership", "account", account, "user", v.field("user"), "role", v.field("role"),
                "limit_micro_su", limit == null ? null : Amounts.parse(limit), "key", v.field("key"));
    }

    static void removeMember(Visit v, String account) {
        v.ask("remove_membership", "account", account, "user", v.field("user"), "key", v.field("key"));
    }
}
