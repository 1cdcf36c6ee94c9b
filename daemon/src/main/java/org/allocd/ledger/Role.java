package org.allocd.ledger;

/** A user's role in an account: coordinators manage the account's subtree, members run jobs on it. */
public enum Role {
    MEMBER, COORDINATOR;

    public String sqlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.sqlName().equalsIgnoreCase(text)) {
                return r;
            }
        }
        throw new LedgerException(Refusal.INVALID_ARGUMENT,
                "unknown role '" + text + "'; use member or coordinator");
    }
}
