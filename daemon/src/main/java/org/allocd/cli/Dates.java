package org.allocd.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * start= and end= as admins type them: YYYY-MM-DD (local midnight; as end= the
 * whole day is included) or an ISO date-time, with or without an offset.
 */
final class Dates {
    private Dates() {}

    static long startMillis(String key, String text, ZoneId zone) {
        return parse(key, text, zone, false);
    }

    /** An end date without a time means the end of that day, so end=2026-01-31 includes the 31st. */
    static long endMillis(String key, String text, ZoneId zone) {
        return parse(key, text, zone, true);
    }

    private static long parse(String key, String text, ZoneId zone, boolean endOfDay) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant().toEpochMilli();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(text).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new UsageException(key + "=" + text + " is not a date; write YYYY-MM-DD or an ISO date-time"
                    + " such as 2026-01-31T08:00 or 2026-01-31T08:00:00Z");
        }
    }
}
