package org.allocd.ledger;

/**
 * A user's place in an account; limitMicroSu null means no per-user limit, limitPer what the limit counts;
 * blockedBy the coordinator who blocked the member from charging the account (null: not blocked).
 */
public record Membership(long userId, long accountId, Role role, Long limitMicroSu, LimitPeriod limitPer,
        String blockedBy) {
    public Membership {
        if (limitPer == null) {
            throw new IllegalArgumentException("a membership's limit period is total or cycle, not null");
        }
    }

    /** A membership that is not blocked. */
    public Membership(long userId, long accountId, Role role, Long limitMicroSu, LimitPeriod limitPer) {
        this(userId, accountId, role, limitMicroSu, limitPer, null);
    }

    /** A membership whose limit, if any, counts the total. */
    public Membership(long userId, long accountId, Role role, Long limitMicroSu) {
        this(userId, accountId, role, limitMicroSu, LimitPeriod.TOTAL);
    }

    public boolean blocked() {
        return blockedBy != null;
    }
}
