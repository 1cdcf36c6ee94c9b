package org.allocd.billing;

import org.allocd.ledger.MicroSu;

/**
 * A line booked for an account every month at close (see BillingRuleKind). amountMicroSu is the fixed
 * amount (signed, positive charges), the credit, or the tier's band in SU of charges; ratePpm is the
 * percentage in millionths (signed, 125000 = 12.5 %) or the tier's price factor above the band in
 * millionths (800000 = 0.8).
 */
public record BillingRule(long accountId, String name, BillingRuleKind kind, long amountMicroSu, long ratePpm) {

    /** What the rule does, in words: "discount 100 SU", "12.5 %", "charges above 10000 SU at 0.8". */
    public String describe() {
        return switch (kind) {
            case FIXED -> (amountMicroSu > 0 ? "charge " : "discount ") + MicroSu.format(Math.abs(amountMicroSu))
                    + " SU";
            case PERCENT -> ratio(ratePpm * 100) + " %";
            case CREDIT -> "free credit up to " + MicroSu.format(amountMicroSu) + " SU";
            case TIER -> "charges above " + MicroSu.format(amountMicroSu) + " SU at " + ratio(ratePpm);
        };
    }

    /** millionths as a plain decimal: 800000 -> 0.8. */
    private static String ratio(long ppm) {
        return java.math.BigDecimal.valueOf(ppm, 6).stripTrailingZeros().toPlainString();
    }
}
