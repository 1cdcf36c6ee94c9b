package org.allocd.ledger;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Text form of amounts: SU with six decimals, exact both ways (1 SU = 1,000,000 uSU). */
public final class MicroSu {
    public static final long PER_SU = 1_000_000L;
    /** No single operation moves more than a billion SU; keeps every sum far from overflow. */
    public static final long MAX_AMOUNT = 1_000_000_000L * PER_SU;

    private MicroSu() {}

    public static String format(long amountMicroSu) {
        return BigDecimal.valueOf(amountMicroSu, 6).toPlainString();
    }

    /**
     * A plain decimal: ASCII digits, an optional point with 1 to 6 decimals. No sign, exponent, spaces,
     * grouping or other digit scripts: "1e3", "+5", " 5" and full-width digits are refused, not guessed at.
     */
    private static final Pattern PLAIN = Pattern.compile("[0-9]{1,16}(\\.[0-9]{1,6})?");
    /** What every refused amount says it should look like. */
    public static final String FORM = "write ASCII digits with an optional point and at most 6 decimals, e.g. 12"
            + " or 12.5 (no sign, exponent, spaces or separators)";

    /** Parses "12", "12.5", "0.000001" exactly; anything else (more than six decimals too) is refused. */
    public static long parse(String text) {
        if (text == null || !PLAIN.matcher(text).matches()) {
            throw new LedgerException(Refusal.INVALID_ARGUMENT, "'" + text + "' is not an amount in SU; " + FORM);
        }
        try {
            return new BigDecimal(text).movePointRight(6).longValueExact();
        } catch (ArithmeticException e) {
            throw new LedgerException(Refusal.INVALID_ARGUMENT, "'" + text + "' is more SU than the bank counts");
        }
    }

    /** As parse, with a leading '-' for the amounts that take one (an adjustment, a discount). */
    public static long parseSigned(String text) {
        boolean less = text != null && text.startsWith("-");
        if (!PLAIN.matcher(less ? text.substring(1) : String.valueOf(text)).matches()) {
            throw new LedgerException(Refusal.INVALID_ARGUMENT, "'" + text + "' is not an amount in SU; "
                    + FORM.replace("no sign", "only a leading - for less"));
        }
        return less ? -parse(text.substring(1)) : parse(text);
    }
}
