package org.allocd.ledger;

/** A job's lien: NONE until placed, OPEN while the job runs, then resolved exactly once. */
public enum LienState {
    NONE, OPEN, CHARGED, RELEASED, EXPIRED;

    public String sqlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static LienState fromSql(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
