package org.allocd.cycle;

import java.util.Locale;
import org.allocd.ledger.Checks;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;

/**
 * What of a period's unused allocation moves into the next period: none, all,
 * at most limit micro-SU (SU), or at most limit percent of the period's grant
 * (PERCENT). The rest expires.
 */
public record CarryOver(Kind kind, long limit) {
    public enum Kind { NONE, ALL, SU, PERCENT }

    public static final CarryOver NONE = new CarryOver(Kind.NONE, 0);

    public CarryOver {
        boolean limited = kind == Kind.SU || kind == Kind.PERCENT;
        if (limit < 0 || (!limited && limit != 0) || (kind == Kind.PERCENT && limit > 100)) {
            throw Checks.invalid("carry-over " + kind + " " + limit + " is not valid");
        }
    }

    /** none | all | N (SU, decimals allowed) | N% (whole percent, 0-100). */
    public static CarryOver parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.isEmpty()) {
            return NONE;
        }
        if (t.equals("all")) {
            return new CarryOver(Kind.ALL, 0);
        }
        if (t.endsWith("%")) {
            String number = t.substring(0, t.length() - 1);
            if (!number.matches("\\d{1,3}") || Integer.parseInt(number) > 100) {
                throw Checks.invalid("carryover=" + text + " is not a percentage; write a whole number from 0 to 100"
                        + " followed by %, e.g. carryover=20%");
            }
            return new CarryOver(Kind.PERCENT, Integer.parseInt(number));
        }
        String su = t.endsWith("su") ? t.substring(0, t.length() - 2) : t;
        long amount;
        try {
            amount = MicroSu.parse(su);
        } catch (LedgerException e) {
            throw Checks.invalid("carryover=" + text + " is not a carry-over policy; write none, all, an amount in SU"
                    + " (e.g. 500) or a percentage of the grant (e.g. 20%)");
        }
        return new CarryOver(Kind.SU, Checks.notNegative("carry-over limit", amount));
    }

    /** How much of remainingMicroSu moves on, for a period granted grantMicroSu. */
    public long carriedMicroSu(long remainingMicroSu, long grantMicroSu) {
        long remaining = Math.max(remainingMicroSu, 0);
        return switch (kind) {
            case NONE -> 0;
            case ALL -> remaining;
            case SU -> Math.min(remaining, limit);
            // Rounded down: a percentage never carries a micro-SU more than it says.
            case PERCENT -> Math.min(remaining, Math.multiplyExact(grantMicroSu, limit) / 100);
        };
    }

    /** As the CLI takes it back: none, all, 500.000000, 20%. */
    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case ALL -> "all";
            case SU -> MicroSu.format(limit);
            case PERCENT -> limit + "%";
        };
    }
}
