package org.allocd.ledger;

/** A job's lien: NONE until placed, OPEN while the job runs, then resolved exactly once. */
public enum LienState {
    NONE, OPEN, CHARGED, RELEASED, EXPIRED;

    public String sqlName() {
        return Names.of(this);
    }

    public static LienState fromSql(String text) {
        return Names.parse(LienState.class, "lien state", text);
    }
}
