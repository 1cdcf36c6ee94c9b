package org.allocd.sync;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Accounts, users and memberships as one side (the bank or slurmdbd) has them: the shape both keep, so they can be
 * compared and one brought into the other.
 *
 * @param parents         account name to its parent's name; null for a top-level account
 * @param defaultAccounts user name to its default account; null for none
 * @param roles           each membership (user in account) to its role, "member" or "coordinator"
 */
public record AccountTree(Map<String, String> parents, Map<String, String> defaultAccounts,
        Map<Member, String> roles) {
    public static final String MEMBER = "member";
    public static final String COORDINATOR = "coordinator";

    /** A user in an account. */
    public record Member(String user, String account) implements Comparable<Member> {
        public Member {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(account, "account");
        }

        @Override
        public int compareTo(Member other) {
            int byAccount = account.compareTo(other.account);
            return byAccount != 0 ? byAccount : user.compareTo(other.user);
        }
    }

    public AccountTree {
        // Sorted copies that keep null values: every report and plan comes out in one order.
        parents = new TreeMap<>(parents);
        defaultAccounts = new TreeMap<>(defaultAccounts);
        roles = new TreeMap<>(roles);
    }

    /**
     * The tree with a coordinator role that a coordination above it already gives made a plain membership: in both
     * the bank (a coordinator's authority covers the subtree) and Slurm it adds nothing, so the two compare alike
     * however each records it.
     */
    public AccountTree reduced() {
        Map<Member, String> reduced = new TreeMap<>(roles);
        roles.keySet().stream().filter(this::inheritsCoordination).forEach(m -> reduced.put(m, MEMBER));
        return new AccountTree(parents, defaultAccounts, reduced);
    }

    /** Whether m's user coordinates an account above m's account. */
    boolean inheritsCoordination(Member m) {
        return roles.entrySet().stream().anyMatch(r -> r.getValue().equals(COORDINATOR)
                && r.getKey().user().equals(m.user()) && isBelow(m.account(), r.getKey().account()));
    }

    /** Whether account is strictly below ancestor; the walk up is bounded, so a damaged tree cannot loop it. */
    public boolean isBelow(String account, String ancestor) {
        String at = parents.get(account);
        for (int step = 0; at != null && step < parents.size(); step++) {
            if (at.equals(ancestor)) {
                return true;
            }
            at = parents.get(at);
        }
        return false;
    }
}
