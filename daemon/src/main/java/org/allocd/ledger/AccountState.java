package org.allocd.ledger;

/** Frozen accounts take no new liens but still pay for running jobs; closed accounts take nothing. */
public enum AccountState {
    ACTIVE, FROZEN, CLOSED;

    public String sqlName() {
        return Names.of(this);
    }

    public static AccountState parse(String text) {
        return Names.parse(AccountState.class, "account state", text);
    }
}
