package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.allocd.config.SlurmTime;

/**
 * "What would this sbatch cost": the 'quote' op, which prices a job exactly as the submit hook does and says
 * whether it could start now (funds, the account's state, the user's limit). Read-only, so a GET form.
 */
final class QuotePage {
    /** Slurm's --mem=NG is GiB. */
    private static final long GIB = 1L << 30;

    private QuotePage() {}

    static Html render(Visit v) {
        List<Html> content = new ArrayList<>();
        content.add(form(v));
        if (v.param("partition") != null) {
            JsonNode quote = v.ask("quote", "account", v.param("account"), "partition", v.param("partition"),
                    "qos", v.param("qos"), "cpus", whole(v, "cpus", 1), "gpus", whole(v, "gpus", 0),
                    "nodes", whole(v, "nodes", 1), "exclusive", v.param("exclusive") != null,
                    "mem_bytes", Math.multiplyExact(whole(v, "mem_gib", 0), GIB),
                    "time_limit_s", v.param("time") == null ? 0L : seconds(v, v.param("time")));
            String verdict = quote.path("verdict").asText();
            content.add(el("section", Html.attrs("aria-live", "polite", "class", "card"),
                    el("h2", text(v.m.t("quote.result"))),
                    Cells.figures(v.m, List.of("quote.verdict", v.m.t("verdict." + verdict),
                            "col.account", quote.path("account").asText(""),
                            "quote.amount", quote.path("amount_su").asText())),
                    el("p", Html.attrs("class", verdict.equals("accept") ? "notice" : "error"),
                            text(quote.path("message").asText()))));
        }
        return Layout.page(v, v.m.t("quote.title"), content.toArray(Html[]::new));
    }

    private static Html form(Visit v) {
        List<Html> accounts = new ArrayList<>();
        accounts.add(el("option", Html.attrs("value", ""), text(v.m.t("quote.defaultAccount"))));
        for (JsonNode membership : v.memberships()) {
            String name = membership.path("account").asText();
            accounts.add(el("option", Html.attrs("value", name, "selected", name.equals(v.param("account")) ? "" : null),
                    text(name)));
        }
        return el("form", Html.attrs("method", "get", "action", "/quote", "aria-label", v.m.t("quote.title")),
                el("fieldset", el("legend", text(v.m.t("quote.job"))),
                        el("label", text(v.m.t("col.account") + " "), el("select", Html.attrs("name", "account"),
                                Html.join(accounts))),
                        JobsPage.input(v.m.t("col.partition"), "partition", "text", v.param("partition")),
                        JobsPage.input(v.m.t("quote.qos"), "qos", "text", v.param("qos")),
                        JobsPage.input(v.m.t("quote.cpus"), "cpus", "number", v.param("cpus")),
                        JobsPage.input(v.m.t("quote.mem"), "mem_gib", "number", v.param("mem_gib")),
                        JobsPage.input(v.m.t("quote.gpus"), "gpus", "number", v.param("gpus")),
                        JobsPage.input(v.m.t("quote.nodes"), "nodes", "number", v.param("nodes")),
                        el("label", el("input", Html.attrs("type", "checkbox", "name", "exclusive", "value", "yes",
                                "checked", v.param("exclusive") != null ? "" : null)), text(" " + v.m.t("quote.exclusive"))),
                        JobsPage.input(v.m.t("quote.time"), "time", "text", v.param("time")),
                        el("button", Html.attrs("type", "submit"), text(v.m.t("quote.ask")))));
    }

    private static long whole(Visit v, String name, long fallback) {
        String text = v.param(name);
        if (text == null) {
            return fallback;
        }
        if (!text.matches("[0-9]{1,9}")) {
            throw new Refused(400, v.m.t("error.whole", name, text));
        }
        return Long.parseLong(text);
    }

    private static long seconds(Visit v, String text) {
        try {
            return SlurmTime.parseSeconds(text);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
    }
}
