package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.allocd.ledger.MicroSu;

/** Writes a view's rows in the chosen format; format=a,b,c picks and orders the columns. */
final class Table {
    private final List<Column> columns;

    Table(List<Column> columns) {
        this.columns = columns;
    }

    /** The columns format= names (case-insensitive), or the default ones when it is absent. */
    private List<Column> select(String format) {
        if (format == null) {
            return columns.stream().filter(Column::shownByDefault).toList();
        }
        List<Column> chosen = new ArrayList<>();
        for (String name : format.split(",")) {
            Column column = columns.stream().filter(c -> c.header().equalsIgnoreCase(name.trim())).findFirst()
                    .orElseThrow(() -> new UsageException("format: '" + name.trim() + "' is not a column here; choose from "
                            + String.join(",", columns.stream().map(Column::header).toList())));
            chosen.add(column);
        }
        return chosen;
    }

    void write(PrintWriter out, ArrayNode rows, String format, OutputFormat how, boolean header,
            Supplier<ZoneId> zoneOfTimes) {
        List<Column> shown = select(format);
        // The time-zone data is read only for a view that shows a time.
        ZoneId zone = shown.stream().anyMatch(c -> c.kind() == Column.Kind.TIME) ? zoneOfTimes.get() : null;
        switch (how) {
            case JSON -> out.println(json(rows));
            case PARSABLE -> separated(out, rows, shown, header, zone, "|", false);
            case CSV -> separated(out, rows, shown, header, zone, ",", true);
            case TABLE -> aligned(out, rows, shown, header, zone);
        }
        out.flush();
    }

    /** Rows as the daemon sent them (exact micro-SU) plus an SU string next to each amount. */
    static String json(JsonNode answer) {
        return JsonTree.pretty(withSu(answer.deepCopy()));
    }

    static JsonNode withSu(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                withSu(value);
                if (name.endsWith("_micro_su") && value.isIntegralNumber()) {
                    object.put(name.substring(0, name.length() - "_micro_su".length()) + "_su",
                            MicroSu.format(value.asLong()));
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(Table::withSu);
        }
        return node;
    }

    private static void separated(PrintWriter out, ArrayNode rows, List<Column> shown, boolean header, ZoneId zone,
            String separator, boolean quote) {
        if (header) {
            out.println(String.join(separator, shown.stream().map(Column::header).toList()));
        }
        for (JsonNode row : rows) {
            List<String> cells = new ArrayList<>();
            for (Column c : shown) {
                String cell = c.render(row, zone);
                cells.add(quote ? csv(cell) : cell);
            }
            out.println(String.join(separator, cells));
        }
    }

    private static String csv(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private static void aligned(PrintWriter out, ArrayNode rows, List<Column> shown, boolean header, ZoneId zone) {
        int[] widths = new int[shown.size()];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            widths[i] = shown.get(i).header().length();
        }
        for (JsonNode row : rows) {
            String[] line = new String[shown.size()];
            for (int i = 0; i < shown.size(); i++) {
                line[i] = shown.get(i).render(row, zone).replace('\n', ' ');
                widths[i] = Math.max(widths[i], line[i].length());
            }
            cells.add(line);
        }
        if (header) {
            String[] titles = shown.stream().map(Column::header).toArray(String[]::new);
            out.println(line(shown, widths, titles));
            String[] dashes = new String[shown.size()];
            for (int i = 0; i < dashes.length; i++) {
                dashes[i] = "-".repeat(widths[i]);
            }
            out.println(line(shown, widths, dashes));
        }
        cells.forEach(c -> out.println(line(shown, widths, c)));
    }

    private static String line(List<Column> shown, int[] widths, String[] cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(widths[i] - cells[i].length());
            b.append(i == 0 ? "" : " ").append(shown.get(i).rightAligned() ? pad + cells[i] : cells[i] + pad);
        }
        return b.toString().stripTrailing();
    }
}
