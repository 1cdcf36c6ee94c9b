package org.allocd.ledger;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The running total of one account's money lines of one kind and user in one calendar month (UTC), kept by
 * the writer with every line it appends, so figures over months read these instead of every line. userName
 * is null for lines without a user; incomingMicroSu sums the lines >= 0; lines counts the lines; jobs counts
 * the jobs charged.
 */
public record JournalTotal(long accountId, JournalKind kind, String userName, long monthStartMillis,
        long amountMicroSu, long incomingMicroSu, long lines, long jobs) {
    /** The last month whose end a long of milliseconds can hold. */
    private static final long LAST_MONTH_START_MILLIS = monthStartMillis(Long.MAX_VALUE);

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

    /** The start of the UTC month holding an instant. */
    public static long monthStartMillis(long atMillis) {
        YearMonth month = YearMonth.from(Instant.ofEpochMilli(atMillis).atZone(ZoneOffset.UTC));
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The start of the month after the one holding an instant, or that month's start where a long ends first. */
    public static long nextMonthStartMillis(long atMillis) {
        if (atMillis >= LAST_MONTH_START_MILLIS) {
            return LAST_MONTH_START_MILLIS;
        }
        YearMonth month = YearMonth.from(Instant.ofEpochMilli(atMillis).atZone(ZoneOffset.UTC)).plusMonths(1);
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The month as a person reads it: 2026-11. */
    public String month() {
        return YearMonth.from(Instant.ofEpochMilli(monthStartMillis).atZone(ZoneOffset.UTC)).toString();
    }
}
