package org.allocd.store;

import org.allocd.ledger.JournalTotal;

/**
 * Where a sum over journal lines switches to the monthly running totals (journal_totals): whole months are
 * read from the totals, and only the lines between an instant and its nearer month boundary from the journal.
 */
final class MonthEdges {
    private MonthEdges() {}

    /** When the newest line was written (0 for an empty journal): nothing after it needs reading. */
    static long newestLineMillis(Sql sql) {
        return sql.number("SELECT at_ms FROM journal ORDER BY id DESC LIMIT 1");
    }

    /**
     * The month boundary (the start of the instant's month, or of the next) from which the fewer lines are
     * read to reach the instant: the nearer one in time, where the time after the newest line holds none.
     */
    static long edge(long atMillis, long newestMillis) {
        long start = JournalTotal.monthStartMillis(atMillis);
        long next = JournalTotal.nextMonthStartMillis(atMillis);
        if (start == atMillis || next <= atMillis) {
            return start;
        }
        long written = newestMillis + 1;
        long before = Math.max(0, Math.min(atMillis, written) - start);
        long after = Math.max(0, Math.min(next, written) - atMillis);
        return after <= before ? next : start;
    }
}
