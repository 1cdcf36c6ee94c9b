package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The price table: the rate version in force on each cluster (the 'rates' op, what allocmgr show rates prints)
 * per partition, in SU per unit-hour, what one unit is and how units are rounded, in words; node class and
 * QOS multipliers; and the earlier versions with their dates.
 */
final class PricesPage {
    static final List<Cells.Column> PARTITIONS = List.of(Cells.plain("col.partition", "partition"),
            Cells.su("prices.rate", "micro_su_per_unit_hour"), Cells.plain("prices.unit", "unit"),
            Cells.plain("prices.rounding", "rounding"), Cells.plain("prices.nodeClasses", "node_classes"),
            Cells.plain("prices.maxTime", "max_time"));
    static final List<Cells.Column> VERSIONS = List.of(Cells.plain("prices.cluster", "cluster"),
            Cells.number("prices.version", "version"), Cells.time("prices.since", "effective_at_ms"),
            Cells.time("prices.until", "until_ms"));
    private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000L);

    private PricesPage() {}

    static Html render(Visit v) {
        JsonNode versions = v.ask("rates").path("rows");
        List<Html> content = new ArrayList<>();
        content.add(el("p", text(v.m.t("prices.how") + " "), Layout.link("/quote", v.m.t("nav.quote"))));
        for (JsonNode version : versions) {
            if (version.path("until_ms").isNull()) {
                content.add(inForce(v, version));
            }
        }
        content.add(el("h2", text(v.m.t("prices.versions"))));
        content.add(Cells.table(v.m, v.m.t("prices.versions"), VERSIONS, versions));
        return Layout.page(v, v.m.t("prices.title"), content.toArray(Html[]::new));
    }

    private static Html inForce(Visit v, JsonNode version) {
        String title = v.m.t("prices.inForce", version.path("cluster").asText(), version.path("version").asText(),
                v.m.dateTime(version.path("effective_at_ms").asLong()));
        if (!version.has("partitions")) {
            // A version this allocd cannot read as a table: the op's summary says why.
            return el("section", Html.attrs("aria-label", title), el("h2", text(title)),
                    el("p", text(version.path("rates").asText())));
        }
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode p : version.path("partitions")) {
            rows.add(row(v, p));
        }
        List<String> qos = new ArrayList<>();
        version.path("qos").fields().forEachRemaining(e -> qos.add(e.getKey() + " \u00d7" + e.getValue().asText()));
        return el("section", Html.attrs("aria-label", title),
                el("h2", text(title)),
                Cells.table(v.m, title, PARTITIONS, rows),
                el("p", text(v.m.t("prices.qos") + " " + (qos.isEmpty() ? v.m.t("prices.qosNone") : String.join(", ", qos)))),
                el("p", text(v.m.t("prices.policy." + version.path("policy").asText().toLowerCase(Locale.ROOT)))));
    }

    /** One partition's row, its figures put in words; the amounts stay the op's. */
    private static JsonNode row(Visit v, JsonNode p) {
        ObjectNode row = JsonNodeFactory.instance.objectNode().put("partition", p.path("partition").asText())
                .put("micro_su_per_unit_hour", p.path("micro_su_per_unit_hour").asLong());
        String gb = new BigDecimal(p.path("mem_per_unit_bytes").asLong()).divide(BYTES_PER_GB).stripTrailingZeros()
                .toPlainString();
        row.put("unit", v.m.t("prices.unitIs", p.path("cpus_per_unit").asInt(), gb));
        row.put("rounding", v.m.t("rounding." + p.path("rounding").asText()));
        List<String> classes = new ArrayList<>();
        p.path("node_classes").fields().forEachRemaining(e -> classes.add(e.getKey() + " \u00d7" + e.getValue().asText()));
        row.put("node_classes", String.join(", ", classes));
        long maxSeconds = p.path("max_time_limit_s").asLong();
        row.put("max_time", maxSeconds == 0 ? v.m.t("prices.noMax") : v.m.t("prices.hours",
                BigDecimal.valueOf(maxSeconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.DOWN)
                        .stripTrailingZeros().toPlainString()));
        return row;
    }
}
