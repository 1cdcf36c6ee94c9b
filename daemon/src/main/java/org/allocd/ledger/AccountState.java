package org.allocd.ledger;

/** Frozen accounts take no new liens but still pay for running jobs; closed accounts take nothing. */
public enum AccountState {
    ACTIVE, FROZEN, CLOSED;

    public String sqlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AccountState parse(String text) {
        for (AccountState s : values()) {
            if (s.sqlName().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new LedgerException(Refusal.INVALID_ARGUMENT,
                "unknown account state '" + text + "'; use active, frozen or closed");
    }
}
