package org.allocd.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page cursor's wrapping: the text of a place in a listing as one opaque URL-safe word, and back. A cursor is
 * checked whole before any read: one allocd did not write for this op is refused, saying how to get a good one.
 */
final class PageCursor {
    private static final int MAX_CHARS = 400;

    private PageCursor() {}

    static String wrap(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's text matched whole by the op's pattern, or bad_request naming the op. */
    static Matcher unwrap(String cursor, Pattern text, String op) {
        Matcher m = null;
        if (cursor.length() <= MAX_CHARS) {
            try {
                m = text.matcher(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                m = null;
            }
        }
        if (m == null || !m.matches()) {
            throw new BadRequest("cursor '" + (cursor.length() > 40 ? cursor.substring(0, 40) + "..." : cursor)
                    + "' is not a page cursor of the " + op + " op; use the next_cursor or previous_cursor of an"
                    + " earlier answer, or leave cursor out for the first page");
        }
        return m;
    }
}
