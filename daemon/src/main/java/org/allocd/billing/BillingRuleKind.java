package org.allocd.billing;

import java.util.Locale;
import org.allocd.ledger.Checks;

/**
 * What a billing rule books at month close, from the month's net job charges C of the account's subtree:
 * FIXED a signed amount (positive charges, negative discounts), PERCENT a signed share of C, CREDIT free
 * credit of up to its amount (never more than C), TIER the charges above a band priced at a lower (or
 * higher) rate, the difference given back (or charged).
 */
public enum BillingRuleKind {
    FIXED, PERCENT, CREDIT, TIER;

    /** Lines that depend on the month's charges can only be booked once the month has ended. */
    public boolean needsWholeMonth() {
        return this != FIXED;
    }

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BillingRuleKind parse(String text) {
        for (BillingRuleKind k : values()) {
            if (k.sqlName().equals(text)) {
                return k;
            }
        }
        throw Checks.invalid("'" + text + "' is not a billing rule kind; use fixed, percent, credit or tier");
    }
}
