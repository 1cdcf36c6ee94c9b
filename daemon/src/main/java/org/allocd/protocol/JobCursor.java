package org.allocd.protocol;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.ledger.JobSeek;

/**
 * The 'jobs' op's page cursor: the sort key of the row a page ends (or starts) at, and which way the next
 * page goes (PageCursor wraps it).
 */
final class JobCursor {
    private static final Pattern TEXT = Pattern.compile("([on]):([0-9]{1,16}):([\\x21-\\x7e]{1,256})");

    private JobCursor() {}

    /** The cursor of the page after (older) or before (newer) the row with this sort key. */
    static String of(JobSeek seek) {
        return PageCursor.wrap((seek.older() ? "o" : "n") + ":" + seek.createdAtMillis() + ":" + seek.jobKey());
    }

    /** The seek a cursor names; null for none (the first page). */
    static JobSeek parse(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        Matcher m = PageCursor.unwrap(cursor, TEXT, "jobs");
        return new JobSeek(Long.parseLong(m.group(2)), m.group(3), m.group(1).equals("o"));
    }
}
