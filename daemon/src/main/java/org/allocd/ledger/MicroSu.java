package org.allocd.ledger;

import java.math.BigDecimal;

/** Text form of amounts: SU with six decimals, exact both ways (1 SU = 1,000,000 uSU). */
public final class MicroSu {
    public static final long PER_SU = 1_000_000L;
    /** No single operation moves more than a billion SU; keeps every sum far from overflow. */
    public static final long MAX_AMOUNT = 1_000_000_000L * PER_SU;

    private MicroSu() {}

    public static String format(long amountMicroSu) {
        return BigDecimal.valueOf(amountMicroSu, 6).toPlainString();
    }

    /** Parses "12", "12.5", "-0.000001" exactly; more than six decimals is an error, not a rounding. */
    public static long parse(String text) {
        try {
            BigDecimal su = new BigDecimal(text.trim());
            return su.movePointRight(6).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new LedgerException(Refusal.INVALID_ARGUMENT, "'" + text
                    + "' is not an amount in SU; write a number with at most 6 decimals, e.g. 12.5");
        }
    }
}
