package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's home: a card per account they may charge, with the figures of the 'balance' op (the one
 * computation, docs/numbers.md), and their running and pending jobs with lien and reason.
 */
final class DashboardPage {
    static final List<Cells.Column> JOBS = List.of(Cells.plain("col.job", "slurm_id"), Cells.plain("col.account", "account"),
            Cells.plain("col.state", "state"), Cells.plain("col.partition", "partition"),
            Cells.plain("col.tres", "req_tres"), Cells.su("col.lien", "lien_micro_su"),
            Cells.su("col.quote", "quote_micro_su"), Cells.plain("col.reason", "reason"));

    private DashboardPage() {}

    static Html render(Visit v) {
        List<Html> cards = new ArrayList<>();
        for (JsonNode membership : v.memberships()) {
            cards.add(card(v, membership));
        }
        // Slurm's pending jobs first, then the running ones: each asked by its state, so the store reads the
        // few open liens (their index, V26), never the user's history of finished jobs.
        List<JsonNode> current = new ArrayList<>();
        JsonNode jobs = v.ask("jobs", "user", v.caller.user(), "state", "pending");
        jobs.path("rows").forEach(row -> current.add(PendingReason.explained(v.m, row)));
        v.ask("jobs", "user", v.caller.user(), "state", "open").path("rows")
                .forEach(row -> current.add(PendingReason.explained(v.m, row)));
        return Layout.page(v, v.m.t("dashboard.title"),
                el("h2", text(v.m.t("dashboard.accounts"))),
                cards.isEmpty() ? el("p", text(v.m.t("dashboard.noAccounts")))
                        : el("div", Html.attrs("class", "cards"), Html.join(cards)),
                el("h2", text(v.m.t("dashboard.jobs"))),
                Cells.table(v.m, v.m.t("dashboard.jobs"), JOBS, current),
                jobs.hasNonNull("slurm_note") ? el("p", text(jobs.path("slurm_note").asText())) : Html.EMPTY);
    }

    private static Html card(Visit v, JsonNode membership) {
        String account = membership.path("account").asText();
        JsonNode balance = v.ask("balance", "account", account);
        JsonNode own = balance.path("own");
        JsonNode forecast = balance.path("forecast");
        String state = balance.path("state").asText();
        List<String> figures = new ArrayList<>(List.of(
                "fig.balance", Cells.su(own.path("balance_micro_su").asLong()),
                "fig.openLiens", Cells.su(own.path("open_liens_micro_su").asLong()),
                "fig.available", Cells.su(own.path("available_micro_su").asLong())));
        figures.addAll(List.of("fig.yourUse", Cells.su(membership.path("used_micro_su").asLong())));
        if (membership.hasNonNull("limit_micro_su")) {
            figures.addAll(List.of("fig.yourLimit", Cells.su(membership.path("limit_micro_su").asLong())));
        }
        if (forecast.hasNonNull("allocation_end_ms")) {
            figures.addAll(List.of("fig.allocationEnd", v.m.dateTime(forecast.path("allocation_end_ms").asLong())));
        }
        figures.addAll(List.of("fig.forecast", forecast.hasNonNull("runout_at_ms")
                ? v.m.t("fig.runsOut", v.m.dateTime(forecast.path("runout_at_ms").asLong()))
                : forecast.path("text").asText()));
        Html title = v.coordinated().contains(account) || v.caller.admin()
                ? Layout.link(Html.path("accounts", account), account) : text(account);
        return el("section", Html.attrs("class", "card", "aria-label", account),
                el("h2", title),
                el("p", Html.attrs("class", "state-" + state), text(v.m.t("state." + state)),
                        state.equals("active") ? Html.EMPTY : text(" - " + v.m.t("state.why." + state))),
                balance.hasNonNull("description") ? el("p", text(balance.path("description").asText())) : Html.EMPTY,
                Cells.figures(v.m, figures));
    }
}
