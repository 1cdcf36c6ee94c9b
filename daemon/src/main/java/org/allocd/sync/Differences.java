package org.allocd.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Every difference between Slurm's accounts and the bank's, both ways, one line each, in name order. */
public final class Differences {
    private Differences() {}

    /** A coordinator role that one above it already gives compares as a plain membership (AccountTree.reduced). */
    public static List<String> between(AccountTree slurmTree, AccountTree bankTree) {
        AccountTree slurm = slurmTree.reduced();
        AccountTree bank = bankTree.reduced();
        List<String> lines = new ArrayList<>();
        compare("account", slurm.parents(), bank.parents(), "parent", lines);
        compare("user", slurm.defaultAccounts(), bank.defaultAccounts(), "default account", lines);
        Map<AccountTree.Member, String> inSlurm = slurm.roles();
        Map<AccountTree.Member, String> inBank = bank.roles();
        for (Map.Entry<AccountTree.Member, String> m : inSlurm.entrySet()) {
            String role = inBank.get(m.getKey());
            if (role == null) {
                lines.add(member(m.getKey()) + ": in Slurm (" + m.getValue() + "), not in the bank");
            } else if (!role.equals(m.getValue())) {
                lines.add(member(m.getKey()) + ": " + m.getValue() + " in Slurm, " + role + " in the bank");
            }
        }
        for (AccountTree.Member m : inBank.keySet()) {
            if (!inSlurm.containsKey(m)) {
                lines.add(member(m) + ": in the bank (" + inBank.get(m) + "), not in Slurm");
            }
        }
        return lines;
    }

    private static void compare(String kind, Map<String, String> slurm, Map<String, String> bank, String field,
            List<String> lines) {
        for (Map.Entry<String, String> e : slurm.entrySet()) {
            if (!bank.containsKey(e.getKey())) {
                lines.add(kind + " " + e.getKey() + ": in Slurm (" + field + " " + shown(e.getValue())
                        + "), not in the bank");
            } else if (!Objects.equals(e.getValue(), bank.get(e.getKey()))) {
                lines.add(kind + " " + e.getKey() + ": " + field + " " + shown(e.getValue()) + " in Slurm, "
                        + shown(bank.get(e.getKey())) + " in the bank");
            }
        }
        for (String name : bank.keySet()) {
            if (!slurm.containsKey(name)) {
                lines.add(kind + " " + name + ": in the bank, not in Slurm");
            }
        }
    }

    static String member(AccountTree.Member m) {
        return "membership " + m.user() + " in " + m.account();
    }

    private static String shown(String value) {
        return value == null ? "(none)" : value;
    }
}
