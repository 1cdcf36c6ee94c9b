package org.allocd.portal;

import static org.allocd.portal.Html.el;
import static org.allocd.portal.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.allocd.ledger.MicroSu;

/**
 * Tables of an operation's rows: each column names the answer field and how it is written. SU are the exact
 * six-decimal figures allocmgr prints (MicroSu.format), so a page and the CLI never disagree on a number.
 */
final class Cells {
    enum Kind { TEXT, NUMBER, SU, TIME }

    /** header: a message key; field: the answer's field. */
    record Column(String header, String field, Kind kind) {}

    private Cells() {}

    static Column plain(String header, String field) {
        return new Column(header, field, Kind.TEXT);
    }

    static Column su(String header, String field) {
        return new Column(header, field, Kind.SU);
    }

    static Column number(String header, String field) {
        return new Column(header, field, Kind.NUMBER);
    }

    static Column time(String header, String field) {
        return new Column(header, field, Kind.TIME);
    }

    /** A table with a caption (for screen readers), one row per answer row; an empty list says so. */
    static Html table(Messages m, String caption, List<Column> columns, Iterable<JsonNode> rows) {
        List<Html> head = new ArrayList<>();
        for (Column c : columns) {
            head.add(el("th", Html.attrs("scope", "col"), text(m.t(c.header()))));
        }
        List<Html> body = new ArrayList<>();
        for (JsonNode row : rows) {
            List<Html> cells = new ArrayList<>();
            for (Column c : columns) {
                cells.add(el("td", Html.attrs("class", c.kind() == Kind.SU || c.kind() == Kind.NUMBER ? "num" : null),
                        text(render(m, c.kind(), row.get(c.field())))));
            }
            body.add(el("tr", Html.join(cells)));
        }
        if (body.isEmpty()) {
            return el("p", text(caption + ": " + m.t("table.none")));
        }
        return el("table", el("caption", text(caption)), el("thead", el("tr", Html.join(head))),
                el("tbody", Html.join(body)));
    }

    static String render(Messages m, Kind kind, JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return switch (kind) {
            case TEXT, NUMBER -> value.asText();
            case SU -> su(value.asLong());
            case TIME -> m.dateTime(value.asLong());
        };
    }

    static String su(long microSu) {
        return MicroSu.format(microSu);
    }

    /** A definition list of figures: label keys and values, for a card. */
    static Html figures(Messages m, List<String> labelsAndValues) {
        List<Html> parts = new ArrayList<>();
        for (int i = 0; i < labelsAndValues.size(); i += 2) {
            parts.add(el("dt", text(m.t(labelsAndValues.get(i)))));
            parts.add(el("dd", text(labelsAndValues.get(i + 1))));
        }
        return el("dl", Html.attrs("class", "figures"), Html.join(parts));
    }
}
