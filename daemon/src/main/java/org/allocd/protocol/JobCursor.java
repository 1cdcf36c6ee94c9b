package org.allocd.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.ledger.JobSeek;

/**
 * The 'jobs' op's page cursor: the sort key of the row a page ends (or starts) at, and which way the next
 * page goes, as one opaque URL-safe word. It is checked whole before any read: a cursor allocd did not
 * write is refused, saying how to get a good one.
 */
final class JobCursor {
    private static final Pattern TEXT = Pattern.compile("([on]):([0-9]{1,16}):([\\x21-\\x7e]{1,256})");
    private static final int MAX_CHARS = 400;

    private JobCursor() {}

    /** The cursor of the page after (older) or before (newer) the row with this sort key. */
    static String of(JobSeek seek) {
        String text = (seek.older() ? "o" : "n") + ":" + seek.createdAtMillis() + ":" + seek.jobKey();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The seek a cursor names; null for none (the first page). */
    static JobSeek parse(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        Matcher m = null;
        if (cursor.length() <= MAX_CHARS) {
            try {
                m = TEXT.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                m = null;
            }
        }
        if (m == null || !m.matches()) {
            throw new BadRequest("cursor '" + (cursor.length() > 40 ? cursor.substring(0, 40) + "..." : cursor)
                    + "' is not a page cursor of the jobs op; use the next_cursor or previous_cursor of an earlier"
                    + " answer, or leave cursor out for the first page");
        }
        return new JobSeek(Long.parseLong(m.group(2)), m.group(3), m.group(1).equals("o"));
    }
}
