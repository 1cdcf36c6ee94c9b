package org.allocd.billing;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allocd.ledger.Checks;

/**
 * The note of a BILL journal line, "YYYY-MM meter name: detail". The month and meter live in the
 * journal itself, so a bill is rebuilt from the journal alone (a line booked after its month ended
 * still belongs to that month's bill). Months are UTC calendar months.
 */
public record BillNote(String month, String meter, String name, String detail) {
    /** Names of rules and filesets: no spaces, so the note stays parseable. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_./@+-]{1,200}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Pattern NOTE = Pattern.compile("(\\d{4}-\\d{2}) ([a-z]+) (\\S+): (.*)", Pattern.DOTALL);

    public String text() {
        return month + " " + meter + " " + name + ": " + detail;
    }

    public static Optional<BillNote> parse(String note) {
        Matcher m = NOTE.matcher(note);
        return m.matches() ? Optional.of(new BillNote(m.group(1), m.group(2), m.group(3), m.group(4)))
                : Optional.empty();
    }

    /** A month as YYYY-MM, or a refusal that says how to write it. */
    public static String month(String text) {
        if (text == null || !MONTH.matcher(text).matches()) {
            throw Checks.invalid("month '" + text + "' is not a month; write it as YYYY-MM, e.g. 2026-10");
        }
        return text;
    }

    /** The UTC month an instant falls in, as YYYY-MM. */
    public static String monthOf(long epochMillis) {
        return YearMonth.from(java.time.Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC)).toString();
    }

    public static long monthStartMillis(String month) {
        return YearMonth.parse(month).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    public static long monthEndMillis(String month) {
        return monthStartMillis(YearMonth.parse(month).plusMonths(1).toString());
    }

    public static String name(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Checks.invalid(what + " '" + name + "' is not valid; use 1-200 letters, digits or _ . / @ + -"
                    + " (no spaces)");
        }
        return name;
    }
}
