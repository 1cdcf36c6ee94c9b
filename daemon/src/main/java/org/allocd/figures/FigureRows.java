package org.allocd.figures;

import java.util.List;
import java.util.Map;

/**
 * The two reads the figures need beyond the core's rows: where a journal line's time is not the
 * instant its money counts (docs/numbers.md, "When a line counts"). Implemented in the store package.
 */
public interface FigureRows {
    /**
     * Allocations of the account and its subtree deposited before beforeMillis that start later than they
     * were deposited: their DEPOSIT line counts from the start, not from the deposit. At most limit.
     */
    List<Upcoming> depositedBeforeTheyStart(long rootAccountId, long beforeMillis, int limit);

    /**
     * BILL lines of the subtree booked at or after atMillis for a month before atMillis's month (a month is
     * billed when it has closed), summed by account id: they count in the month they bill.
     */
    Map<Long, Long> billedLateMicroSu(long rootAccountId, long atMillis);
}
