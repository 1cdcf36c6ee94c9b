package org.allocd.charge;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An exact decimal rate such as 1.25 (partition, QOS or node class), held as millionths so
 * that it stays exact; 1.25 is {@code new Multiplier(1_250_000)}.
 */
public record Multiplier(long millionths) {
    public static final Multiplier ONE = new Multiplier(1_000_000);

    private static final int DECIMALS = 6;
    private static final long MILLIONTHS_PER_ONE = 1_000_000;
    private static final Pattern FORM = Pattern.compile("[0-9]+(\\.[0-9]{1," + DECIMALS + "})?");
    private static final String ACCEPTED_FORM =
            "write a decimal >= 0 with at most " + DECIMALS + " digits after the point, e.g. 1, 0.5, 10.0 or 1.234567";

    public Multiplier {
        if (millionths < 0) {
            throw new IllegalArgumentException("multiplier millionths must be >= 0, got " + millionths);
        }
    }

    /** Parses "1", "0.5", "10.0", "1.234567"; anything else is refused with the accepted form. */
    public static Multiplier parse(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new IllegalArgumentException("multiplier \"" + text + "\" is not valid: " + ACCEPTED_FORM);
        }
        try {
            return new Multiplier(new BigDecimal(text).movePointRight(DECIMALS).longValueExact());
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException("multiplier \"" + text + "\" is too large: the largest is "
                    + new Multiplier(Long.MAX_VALUE), tooLarge);
        }
    }

    /** The exact value as a fraction, for charge arithmetic. */
    public Ratio toRatio() {
        return Ratio.of(millionths, MILLIONTHS_PER_ONE);
    }

    /** Shortest exact decimal: "1.25", "1", "0.000001". */
    @Override
    public String toString() {
        return toRatio().toString();
    }
}
