package org.allocd.ledger;

/** A user's role in an account: coordinators manage the account's subtree, members run jobs on it. */
public enum Role {
    MEMBER, COORDINATOR;

    public String sqlName() {
        return Names.of(this);
    }

    public static Role parse(String text) {
        return Names.parse(Role.class, "role", text);
    }
}
