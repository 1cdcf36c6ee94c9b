package org.allocd.ledger;

import java.time.LocalDate;

/**
 * The money of one UTC day, from the day's running totals: SU charged (net of refunds) and deposited.
 * dayStartMillis is the day's first millisecond (UTC).
 */
public record DayMoney(long dayStartMillis, long chargedMicroSu, long depositedMicroSu) {
    /** The most days one read gives: a year and a day. */
    public static final int MAX_DAYS = 366;

    /** The day as a person reads it: 2026-11-30. */
    public String day() {
        return LocalDate.ofEpochDay(Math.floorDiv(dayStartMillis, JournalTotal.DAY_MILLIS)).toString();
    }
}
