package org.allocd.store;

import org.allocd.ledger.JournalTotal;

/**
 * Where a sum over journal lines switches to the daily running totals (journal_totals): whole days are read
 * from the totals, and only the lines between an instant and its nearer day boundary from the journal.
 */
final class DayEdges {
    private DayEdges() {}

    /** When the newest line was written (0 for an empty journal): nothing after it needs reading. */
    static long newestLineMillis(Sql sql) {
        return sql.number("SELECT at_ms FROM journal ORDER BY id DESC LIMIT 1");
    }

    /**
     * The day boundary (the start of the instant's day, or of the next) from which the fewer lines are read to
     * reach the instant: the nearer one in time, where the time after the newest line holds none.
     */
    static long edge(long atMillis, long newestMillis) {
        long start = JournalTotal.dayStartMillis(atMillis);
        long next = JournalTotal.nextDayStartMillis(atMillis);
        if (start == atMillis || next <= atMillis) {
            return start;
        }
        long written = newestMillis + 1;
        long before = Math.max(0, Math.min(atMillis, written) - start);
        long after = Math.max(0, Math.min(next, written) - atMillis);
        return after <= before ? next : start;
    }
}
