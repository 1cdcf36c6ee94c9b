package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import org.allocd.ledger.MicroSu;

/**
 * The figures of docs/numbers.md as allocmgr writes them. In an item list, opening + every line down to
 * the closing balance adds up to it; "not yet active" lines come after the closing, apart from it.
 */
final class FigureRows {
    /** Glossary names and answer fields, in the order of the balance identity. */
    static final String[][] ITEMS = {{"deposited", "deposited_micro_su"}, {"withdrawn", "withdrawn_micro_su"},
            {"transferred in", "transferred_in_micro_su"}, {"transferred out", "transferred_out_micro_su"},
            {"charged", "charged_micro_su"}, {"refunded", "refunded_micro_su"}, {"adjusted", "adjusted_micro_su"},
            {"expired", "expired_micro_su"}, {"billed", "billed_micro_su"}};

    interface Line {
        void add(String item, String name, long amountMicroSu);
    }

    private FigureRows() {}

    /**
     * The lines of one figures answer. Charges and refunds are given per user (gross, so they add up to
     * the figure); billed is left to the caller (billed) when it lists billing lines by name instead.
     */
    static void lines(JsonNode figures, Line line, Line billed, ZoneId zone) {
        line.add("opening balance", null, figures.get("opening_micro_su").asLong());
        for (String[] item : ITEMS) {
            long amount = figures.get(item[1]).asLong();
            if (item[0].equals("charged") && amount != 0) {
                figures.get("charges_by_user").forEach(u -> {
                    if (u.get("charged_micro_su").asLong() != 0) {
                        line.add("charged", u.get("user").asText(), -u.get("charged_micro_su").asLong());
                    }
                });
            } else if (item[0].equals("refunded") && amount != 0) {
                figures.get("charges_by_user").forEach(u -> {
                    if (u.get("refunded_micro_su").asLong() != 0) {
                        line.add("refunded", u.get("user").asText(), u.get("refunded_micro_su").asLong());
                    }
                });
            } else if (item[0].equals("billed") && billed != null) {
                billed.add("billed", null, amount);
            } else {
                line.add(item[0], null, amount);
            }
        }
        line.add("closing balance", null, figures.get("balance_micro_su").asLong());
        for (JsonNode u : figures.get("upcoming")) {
            line.add("not yet active", notYetActive(u, zone), u.get("amount_micro_su").asLong());
        }
    }

    /** "chem-a, starts 2027-01-01": an allocation deposited ahead of its window. */
    static String notYetActive(JsonNode upcoming, ZoneId zone) {
        return upcoming.get("account").asText() + ", starts " + day(upcoming.get("starts_at_ms").asLong(), zone);
    }

    static String day(long ms, ZoneId zone) {
        return Instant.ofEpochMilli(ms).atZone(zone).toLocalDate().toString();
    }

    /** A balance row with the figures of one scope (own or subtree) as its own fields, for a table. */
    static ObjectNode flatten(JsonNode row, String scope) {
        ObjectNode flat = ((ObjectNode) row).deepCopy();
        flat.setAll((ObjectNode) row.get(scope));
        flat.remove("own");
        flat.remove("subtree");
        flat.put("forecast", row.path("forecast").path("text").asText(null));
        return flat;
    }

    /** What a balance view says under its rows: money not yet active and the forecast, per account. */
    static void notes(Session s, JsonNode rows, String scope) {
        for (JsonNode row : rows) {
            String account = row.get("account").asText();
            for (JsonNode u : row.get(scope).get("upcoming")) {
                s.footer(account + ": " + MicroSu.format(u.get("amount_micro_su").asLong()) + " SU in "
                        + notYetActive(u, s.zone()) + ", not yet available");
            }
        }
    }

    /**
     * Each member's use against their limit, under a balance:
     * "chem: alice used 95.000000 of 100.000000 SU this cycle (since 2026-12-01)".
     */
    static void memberUse(Session s, JsonNode rows) {
        for (JsonNode row : rows) {
            for (JsonNode m : row.path("members")) {
                JsonNode limit = m.get("limit_micro_su");
                s.footer(row.get("account").asText() + ": " + m.get("user").asText() + " used "
                        + MicroSu.format(m.get("used_micro_su").asLong())
                        + (limit.isNull() ? " SU " + m.get("use_counts").asText() + " (no limit)"
                                : " of " + MicroSu.format(limit.asLong()) + " SU " + m.get("use_counts").asText()));
            }
        }
    }
}
