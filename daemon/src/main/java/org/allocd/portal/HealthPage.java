package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The admin's operations health: the 'health' op's answer (what allocmgr show health prints) and verify's button. */
final class HealthPage {
    private HealthPage() {}

    static Html render(Visit v) {
        JsonNode health = v.ask("health");
        JsonNode verify = health.path("last_verify");
        String pastTime = health.path("open_liens_past_time").asText()
                + (health.path("open_liens_past_time_more").asBoolean() ? "+" : "");
        String lastVerify = verify.path("at_ms").isNull() ? v.m.t("admin.verifyNotRun")
                : v.m.t(verify.path("clean").asBoolean() ? "admin.verifyWasClean" : "admin.verifyHadProblems",
                        v.m.dateTime(verify.path("at_ms").asLong()), verify.path("problem_count").asText());
        return Layout.page(v, v.m.t("admin.health"),
                Cells.figures(v.m, List.of(
                        "admin.slurm", health.path("slurm_reachable").asBoolean() ? v.m.t("admin.slurmAnswers")
                                : health.path("slurm_note").asText(),
                        "admin.heldForFunds", health.path("held_for_funds").isNull() ? v.m.t("admin.unknown")
                                : health.path("held_for_funds").asText(),
                        "admin.liensPastTime", pastTime,
                        "admin.lastVerify", lastVerify)),
                el("form", Html.attrs("method", "post", "action", "/admin/verify"), v.hiddenFields(),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("admin.verify")))));
    }
}
