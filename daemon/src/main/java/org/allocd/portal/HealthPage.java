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
        JsonNode spool = health.path("spool");
        String spooled = spool.path("events").asLong() == 0 ? v.m.t("admin.spoolNone")
                : v.m.t("admin.spoolWaiting", spool.path("events").asText() + (spool.path("events_more").asBoolean()
                        ? "+" : ""), v.m.dateTime(spool.path("oldest_written_at_ms").asLong()));
        String quarantined = spool.path("quarantined").asText() + (spool.path("quarantined_more").asBoolean() ? "+"
                : "");
        return Layout.page(v, v.m.t("admin.health"),
                Cells.figures(v.m, List.of(
                        "admin.slurm", health.path("slurm_reachable").asBoolean() ? v.m.t("admin.slurmAnswers")
                                : health.path("slurm_note").asText(),
                        "admin.heldForFunds", health.path("held_for_funds").isNull() ? v.m.t("admin.unknown")
                                : health.path("held_for_funds").asText(),
                        "admin.liensPastTime", pastTime,
                        "admin.spool", spooled,
                        "admin.spoolQuarantined", quarantined,
                        "admin.lastReconcile", lastReconcile(v, health.path("last_reconcile")),
                        "admin.lastVerify", lastVerify)),
                el("form", Html.attrs("method", "post", "action", "/admin/verify"), v.hiddenFields(),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("admin.verify")))));
    }

    private static String lastReconcile(Visit v, JsonNode run) {
        if (run.path("at_ms").isNull()) {
            return v.m.t("admin.reconcileNotRun");
        }
        String at = v.m.dateTime(run.path("at_ms").asLong());
        if (!run.path("slurm_asked").asBoolean()) {
            return v.m.t("admin.reconcileNoSlurm", at);
        }
        return v.m.t("admin.reconcileRun", at, run.path("looked_at").asLong(), run.path("charged").asLong(),
                run.path("released").asLong(), run.path("extended").asLong(), run.path("waiting").asLong());
    }
}
