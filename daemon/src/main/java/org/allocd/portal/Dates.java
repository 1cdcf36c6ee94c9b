package org.allocd.portal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Days typed into date fields (yyyy-mm-dd, the server's time zone, as allocmgr's start= and end=). */
final class Dates {
    private Dates() {}

    /** Midnight at the start of the day, or null for no day. */
    static Long startOf(Visit v, String day) {
        return day == null ? null : midnight(v, day, 0);
    }

    /** Midnight at the end of the day (the next day's start), or null for no day. */
    static Long endOf(Visit v, String day) {
        return day == null ? null : midnight(v, day, 1);
    }

    private static long midnight(Visit v, String day, int plusDays) {
        try {
            return LocalDate.parse(day).plusDays(plusDays).atStartOfDay(ZoneId.systemDefault()).toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new Refused(400, v.m.t("error.date", day));
        }
    }
}
