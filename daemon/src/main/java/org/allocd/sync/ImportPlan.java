package org.allocd.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the bank lacks of Slurm's accounts, users and memberships, as the steps that add it, in an order the bank
 * accepts: accounts parents first, then users, then memberships, then default accounts (a user's default account is
 * one they are a member of). Only additions: what both have but differently is for 'check' to show and an admin to
 * decide. Planned from the current state, so running it again after it was applied plans nothing.
 */
public final class ImportPlan {
    /** One step: the admin operation, its fields in order (name, value, name, value...) and what it does. */
    public record Step(String op, List<String> fields, String text) {}

    private ImportPlan() {}

    public static List<Step> of(AccountTree slurmTree, AccountTree bankTree) {
        AccountTree slurm = slurmTree.reduced();
        AccountTree bank = bankTree.reduced();
        List<Step> steps = new ArrayList<>();
        Set<String> known = new HashSet<>(bank.parents().keySet());
        // Each pass adds the accounts whose parent is known by now; a parent missing from Slurm's own list (a
        // damaged tree) would stop the passes, so they are bounded by the number of accounts.
        for (int pass = 0; pass <= slurm.parents().size() && !known.containsAll(slurm.parents().keySet()); pass++) {
            for (Map.Entry<String, String> a : slurm.parents().entrySet()) {
                String parent = a.getValue();
                if (!known.contains(a.getKey()) && (parent == null || known.contains(parent))) {
                    steps.add(new Step("create_account", parent == null ? List.of("name", a.getKey())
                            : List.of("name", a.getKey(), "parent", parent),
                            "add account " + a.getKey() + (parent == null ? "" : " (parent " + parent + ")")));
                    known.add(a.getKey());
                }
            }
        }
        for (String user : slurm.defaultAccounts().keySet()) {
            if (!bank.defaultAccounts().containsKey(user)) {
                steps.add(new Step("add_user", List.of("name", user), "add user " + user));
            }
        }
        for (Map.Entry<AccountTree.Member, String> m : slurm.roles().entrySet()) {
            if (!bank.roles().containsKey(m.getKey()) && known.contains(m.getKey().account())) {
                steps.add(new Step("add_membership", List.of("user", m.getKey().user(), "account",
                        m.getKey().account(), "role", m.getValue()),
                        "add " + Differences.member(m.getKey()) + " (" + m.getValue() + ")"));
            }
        }
        for (Map.Entry<String, String> u : slurm.defaultAccounts().entrySet()) {
            if (u.getValue() != null && bank.defaultAccounts().get(u.getKey()) == null && known.contains(u.getValue())) {
                steps.add(new Step("set_default_account", List.of("user", u.getKey(), "account", u.getValue()),
                        "set default account of " + u.getKey() + " to " + u.getValue()));
            }
        }
        return steps;
    }
}
