package org.allocd.metrics;

import java.util.List;

/** Helpers for the Prometheus text exposition format 0.0.4. */
final class TextFormat {
    private TextFormat() {}

    static void writeHeader(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ');
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Writes {a="x",b="y"}, or nothing when there are no labels. */
    static void writeLabels(StringBuilder out, List<String> names, List<String> values, String extraName, String extraValue) {
        if (names.isEmpty() && extraName == null) {
            return;
        }
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeLabel(out, names.get(i), values.get(i));
        }
        if (extraName != null) {
            if (!names.isEmpty()) {
                out.append(',');
            }
            writeLabel(out, extraName, extraValue);
        }
        out.append('}');
    }

    private static void writeLabel(StringBuilder out, String name, String value) {
        out.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }
}
