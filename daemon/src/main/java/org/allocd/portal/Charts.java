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

    /** One bar: its label (a day, a month) and its amount. */
    record Bar(String label, long amountMicroSu) {}

    private Charts() {}

    static Html bars(String title, List<Bar> bars) {
        long max = Math.max(1, bars.stream().mapToLong(b -> Math.abs(b.amountMicroSu())).max().orElse(1));
        int slot = bars.isEmpty() ? WIDTH : WIDTH / bars.size();
        List<Html> shapes = new ArrayList<>();
        shapes.add(el("title", text(title)));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            long height = Math.abs(bar.amountMicroSu()) * (HEIGHT - AXIS) / max;
            shapes.add(el("rect", attrs("x", Integer.toString(i * slot + 1), "y", Long.toString(HEIGHT - AXIS - height),
                    "width", Integer.toString(Math.max(1, slot - 2)), "height", Long.toString(height), "fill", "#2b5d8c"),
                    el("title", text(bar.label() + ": " + Cells.su(bar.amountMicroSu()) + " SU"))));
        }
        if (!bars.isEmpty()) {
            shapes.add(el("text", attrs("x", "2", "y", Integer.toString(HEIGHT - 4), "font-size", "11"),
                    text(bars.get(0).label())));
            shapes.add(el("text", attrs("x", Integer.toString(WIDTH - 2), "y", Integer.toString(HEIGHT - 4),
                    "font-size", "11", "text-anchor", "end"), text(bars.get(bars.size() - 1).label())));
        }
        shapes.add(el("text", attrs("x", "2", "y", "12", "font-size", "11"), text("max " + Cells.su(max) + " SU")));
        return el("svg", attrs("xmlns", "http://www.w3.org/2000/svg", "class", "chart", "role", "img", "aria-label", title,
                "viewBox", "0 0 " + WIDTH + " " + HEIGHT, "width", Integer.toString(WIDTH),
                "height", Integer.toString(HEIGHT)), Html.join(shapes));
    }
}
