package org.allocd.ledger;

/**
 * What a member's per-user limit counts: everything they used of the account (TOTAL), or what they used
 * since the start of the account's current allocation cycle (CYCLE: it starts again with each period of a
 * recurring grant).
 */
public enum LimitPeriod {
    TOTAL, CYCLE;

    public String sqlName() {
        return Names.of(this);
    }

    public static LimitPeriod parse(String text) {
        return Names.parse(LimitPeriod.class, "limit period", text);
    }
}
