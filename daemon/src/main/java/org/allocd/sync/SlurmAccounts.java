package org.allocd.sync;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.allocd.slurm.SlurmCommand;
import org.allocd.slurm.SlurmException;

/**
 * slurmdbd's accounts, users and associations, read with two sacctmgr calls (each bounded in time and output by
 * SlurmCommand). Slurm's own root account and root user are left out: every cluster has them, the bank need not.
 */
public final class SlurmAccounts {
    static final String ROOT = "root";

    private SlurmAccounts() {}

    /** Reads them; cluster, when given, keeps only that cluster's associations. */
    public static AccountTree read(SlurmCommand sacctmgr, Optional<String> cluster) throws SlurmException {
        String where = cluster.map(name -> "cluster=" + name).orElse("");
        String associations = where.isEmpty()
                ? sacctmgr.run("-n", "-P", "show", "association", "format=account,parentname,user")
                : sacctmgr.run("-n", "-P", "show", "association", where, "format=account,parentname,user");
        String users = sacctmgr.run("-n", "-P", "show", "user", "withcoord", "format=user,defaultaccount,coordinators");
        return parse(associations, users);
    }

    /**
     * The association lines ("account|parent|" for an account, "account||user" for a user in it) and the user lines
     * ("user|default account|coordinated,accounts").
     */
    static AccountTree parse(String associations, String users) {
        Map<String, String> parents = new HashMap<>();
        Map<AccountTree.Member, String> roles = new HashMap<>();
        for (String line : associations.split("\n")) {
            String[] f = fields(line, 3);
            if (f == null || f[0].isEmpty() || f[0].equals(ROOT)) {
                continue;
            }
            if (f[2].isEmpty()) {
                parents.put(f[0], f[1].isEmpty() || f[1].equals(ROOT) ? null : f[1]);
            } else if (!f[2].equals(ROOT)) {
                roles.put(new AccountTree.Member(f[2], f[0]), AccountTree.MEMBER);
            }
        }
        java.util.Set<AccountTree.Member> associated = new java.util.HashSet<>(roles.keySet());
        Map<String, String> defaults = new HashMap<>();
        for (String line : users.split("\n")) {
            String[] f = fields(line, 3);
            if (f == null || f[0].isEmpty() || f[0].equals(ROOT)) {
                continue;
            }
            defaults.put(f[0], f[1].isEmpty() || f[1].equals(ROOT) ? null : f[1]);
            for (String account : f[2].split(",")) {
                if (!account.isEmpty()) {
                    roles.put(new AccountTree.Member(f[0], account), AccountTree.COORDINATOR);
                }
            }
        }
        return direct(new AccountTree(parents, defaults, roles), associated);
    }

    /**
     * Slurm lists a parent's coordinators on every account below it, where the bank keeps only the coordinator's own
     * membership (its authority covers the subtree): such an inherited coordination, without an association of the
     * user's own there, is no membership and is dropped.
     */
    private static AccountTree direct(AccountTree tree, java.util.Set<AccountTree.Member> associated) {
        Map<AccountTree.Member, String> roles = new HashMap<>(tree.roles());
        roles.keySet().removeIf(m -> !associated.contains(m) && tree.inheritsCoordination(m));
        return new AccountTree(tree.parents(), tree.defaultAccounts(), roles);
    }

    /** The '|'-separated fields of a parsable line, padded to count; null for a blank line. */
    private static String[] fields(String line, int count) {
        if (line.isBlank()) {
            return null;
        }
        String[] f = line.strip().split("\\|", -1);
        String[] padded = new String[count];
        for (int i = 0; i < count; i++) {
            padded[i] = i < f.length ? f[i].strip() : "";
        }
        return padded;
    }
}
