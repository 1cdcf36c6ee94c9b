package org.allocd.protocol;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.ledger.JournalSeek;

/**
 * The 'transactions' and 'payments' ops' page cursor: the id of the journal line a page ends (or starts) at, and
 * which way the next page goes (PageCursor wraps it).
 */
final class JournalCursor {
    private static final Pattern TEXT = Pattern.compile("([ab]):([0-9]{1,18})");

    private JournalCursor() {}

    /** The cursor of the page after (later) or before (earlier) the line with this id. */
    static String of(JournalSeek seek) {
        return PageCursor.wrap((seek.after() ? "a" : "b") + ":" + seek.id());
    }

    /** The seek a cursor names; null for none (the first page). */
    static JournalSeek parse(String cursor, String op) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        Matcher m = PageCursor.unwrap(cursor, TEXT, op);
        return new JournalSeek(Long.parseLong(m.group(2)), m.group(1).equals("a"));
    }
}
