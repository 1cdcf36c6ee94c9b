package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.allocd.ledger.MicroSu;

/** One column of a view: its header, the answer field it shows, and how that field is written. */
record Column(String header, String field, Kind kind, boolean shownByDefault) {
    enum Kind { TEXT, NUMBER, SU, TIME, SHARE }

    /** Made at the first time shown: building a formatter costs a one-shot call that shows none. */
    private static final class TimeFormat {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    }

    static Column text(String header, String field) {
        return new Column(header, field, Kind.TEXT, true);
    }

    static Column number(String header, String field) {
        return new Column(header, field, Kind.NUMBER, true);
    }

    static Column su(String header, String field) {
        return new Column(header, field, Kind.SU, true);
    }

    static Column time(String header, String field) {
        return new Column(header, field, Kind.TIME, true);
    }

    static Column share(String header, String field) {
        return new Column(header, field, Kind.SHARE, true);
    }

    /** Not shown unless asked for with format=. */
    Column hidden() {
        return new Column(header, field, kind, false);
    }

    boolean rightAligned() {
        return kind != Kind.TEXT && kind != Kind.TIME;
    }

    String render(JsonNode row, ZoneId zone) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        return switch (kind) {
            case TEXT, NUMBER -> value.asText();
            case SU -> MicroSu.format(value.asLong());
            case TIME -> TimeFormat.TIME.format(Instant.ofEpochMilli(value.asLong()).atZone(zone));
            case SHARE -> String.format("%d.%02d%%", value.asLong() / 100, Math.abs(value.asLong() % 100));
        };
    }
}
