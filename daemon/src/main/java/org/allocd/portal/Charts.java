package org.allocd.portal;

import static org.allocd.portal.Html.attrs;
import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Bar charts as SVG written on the server with the same escaping builder as the pages: no chart library, no
 * script, nothing to fetch, and the page reads the same without JavaScript. Each bar carries its exact value
 * as a title (tooltip, screen readers); a table beside a chart has the same numbers.
 */
final class Charts {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 180;
    private static final int AXIS = 20;
    private static final String FIRST_FILL = "#2b5d8c";
    private static final String SECOND_FILL = "#3c8c3c";

    /** One bar: its label (a day, a month) and its amount. */
    record Bar(String label, long amountMicroSu) {}

    /** Two amounts side by side under one label (a day): charged and deposited. */
    record Pair(String label, long firstMicroSu, long secondMicroSu) {}

    private Charts() {}

    static Html bars(String title, List<Bar> bars) {
        long max = Math.max(1, bars.stream().mapToLong(b -> Math.abs(b.amountMicroSu())).max().orElse(1));
        int slot = bars.isEmpty() ? WIDTH : WIDTH / bars.size();
        List<Html> shapes = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            shapes.add(bar(i * slot + 1, Math.max(1, slot - 2), bar.amountMicroSu(), max, FIRST_FILL, bar.label()));
        }
        return svg(title, shapes, bars.stream().map(Bar::label).toList(), max, Html.EMPTY);
    }

    /**
     * Pairs of bars on one scale, the first of each pair in blue and the second in green, with a legend naming
     * them; each bar's title says its label, name and exact SU.
     */
    static Html pairs(String title, String firstName, String secondName, List<Pair> pairs) {
        long max = Math.max(1, pairs.stream().mapToLong(p -> Math.max(Math.abs(p.firstMicroSu()),
                Math.abs(p.secondMicroSu()))).max().orElse(1));
        int slot = pairs.isEmpty() ? WIDTH : WIDTH / pairs.size();
        int width = Math.max(1, (slot - 2) / 2);
        List<Html> shapes = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            shapes.add(bar(i * slot + 1, width, pair.firstMicroSu(), max, FIRST_FILL, pair.label() + " " + firstName));
            shapes.add(bar(i * slot + 1 + width, width, pair.secondMicroSu(), max, SECOND_FILL,
                    pair.label() + " " + secondName));
        }
        Html legend = el("text", attrs("x", Integer.toString(WIDTH - 2), "y", "12", "font-size", "11",
                "text-anchor", "end"), el("tspan", attrs("fill", FIRST_FILL), text("\u25a0 " + firstName)), text("  "),
                el("tspan", attrs("fill", SECOND_FILL), text("\u25a0 " + secondName)));
        return svg(title, shapes, pairs.stream().map(Pair::label).toList(), max, legend);
    }

    private static Html bar(int x, int width, long amountMicroSu, long max, String fill, String label) {
        long height = Math.abs(amountMicroSu) * (HEIGHT - AXIS) / max;
        return el("rect", attrs("x", Integer.toString(x), "y", Long.toString(HEIGHT - AXIS - height),
                "width", Integer.toString(width), "height", Long.toString(height), "fill", fill),
                el("title", text(label + ": " + Cells.su(amountMicroSu) + " SU")));
    }

    /** The chart around its bars: title, the first and last labels under them, the scale's top, a legend. */
    private static Html svg(String title, List<Html> bars, List<String> labels, long max, Html legend) {
        List<Html> shapes = new ArrayList<>();
        shapes.add(el("title", text(title)));
        shapes.addAll(bars);
        if (!labels.isEmpty()) {
            shapes.add(el("text", attrs("x", "2", "y", Integer.toString(HEIGHT - 4), "font-size", "11"),
                    text(labels.get(0))));
            shapes.add(el("text", attrs("x", Integer.toString(WIDTH - 2), "y", Integer.toString(HEIGHT - 4),
                    "font-size", "11", "text-anchor", "end"), text(labels.get(labels.size() - 1))));
        }
        shapes.add(el("text", attrs("x", "2", "y", "12", "font-size", "11"), text("max " + Cells.su(max) + " SU")));
        shapes.add(legend);
        return el("svg", attrs("xmlns", "http://www.w3.org/2000/svg", "class", "chart", "role", "img", "aria-label", title,
                "viewBox", "0 0 " + WIDTH + " " + HEIGHT, "width", Integer.toString(WIDTH),
                "height", Integer.toString(HEIGHT)), Html.join(shapes));
    }
}
