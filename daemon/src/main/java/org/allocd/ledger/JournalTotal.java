package org.allocd.ledger;

import java.time.LocalDate;

/**
 * The running total of one account's money lines of one kind and user on one UTC day, kept by the writer with
 * every line it appends, so figures over days and months read these instead of every line. userName is null
 * for lines without a user; incomingMicroSu sums the lines >= 0; lines counts the lines; jobs counts the jobs
 * charged.
 */
public record JournalTotal(long accountId, JournalKind kind, String userName, long dayStartMillis,
        long amountMicroSu, long incomingMicroSu, long lines, long jobs) {
    public static final long DAY_MILLIS = 86_400_000L;
    /** The last day whose end a long of milliseconds can hold. */
    private static final long LAST_DAY_START_MILLIS = dayStartMillis(Long.MAX_VALUE - DAY_MILLIS);

    /** Whether a line goes into a running total: money lines of an account. */
    public static boolean counts(JournalEntry line) {
        return line.kind().movesMoney() && line.accountId() != null;
    }

    /**
     * Whether a line is the first CHARGE line of its job. A job is charged by one operation, whose CHARGE
     * lines (one per allocation drawn) follow each other in the journal, so one job is one run of lines.
     */
    public static boolean chargesANewJob(JournalEntry previous, JournalEntry line) {
        return line.kind() == JournalKind.CHARGE && line.jobKey() != null && !(previous != null
                && previous.kind() == JournalKind.CHARGE && line.jobKey().equals(previous.jobKey()));
    }

    /** The start of the UTC day holding an instant (UTC has no summer time: every day is DAY_MILLIS long). */
    public static long dayStartMillis(long atMillis) {
        return Math.floorDiv(atMillis, DAY_MILLIS) * DAY_MILLIS;
    }

    /** The start of the day after the one holding an instant, or that day's start where a long ends first. */
    public static long nextDayStartMillis(long atMillis) {
        return atMillis >= LAST_DAY_START_MILLIS ? LAST_DAY_START_MILLIS : dayStartMillis(atMillis) + DAY_MILLIS;
    }

    /** The day as a person reads it: 2026-11-30. */
    public String day() {
        return LocalDate.ofEpochDay(Math.floorDiv(dayStartMillis, DAY_MILLIS)).toString();
    }
}
