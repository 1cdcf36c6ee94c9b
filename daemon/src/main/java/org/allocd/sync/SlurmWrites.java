package org.allocd.sync;

import java.util.ArrayList;
import java.util.List;
import org.allocd.slurm.SlurmCommand;
import org.allocd.slurm.SlurmException;

/**
 * The Slurm side of allocmgr's add and delete, through sacctmgr (bounded by SlurmCommand), so an admin creates an
 * account, user or membership once. What is already in Slurm is no error: running it again changes nothing.
 */
public final class SlurmWrites {
    private final SlurmCommand sacctmgr;

    public SlurmWrites(SlurmCommand sacctmgr) {
        this.sacctmgr = sacctmgr;
    }

    /** Returns what Slurm now has, as a line for the admin. */
    public String addAccount(String name, String parent) throws SlurmException {
        List<String> args = new ArrayList<>(List.of("-i", "add", "account", name));
        if (parent != null) {
            args.add("parent=" + parent);
        }
        return added(args, "account " + name);
    }

    /** A user's association with an account (Slurm's user exists only through one); its default when asked. */
    public String addMembership(String user, String account, boolean defaultAccount, boolean coordinator)
            throws SlurmException {
        List<String> args = new ArrayList<>(List.of("-i", "add", "user", user, "account=" + account));
        if (defaultAccount) {
            args.add("defaultaccount=" + account);
        }
        String done = added(args, "user " + user + " in account " + account);
        if (coordinator) {
            done += "; " + added(List.of("-i", "add", "coordinator", "account=" + account, "names=" + user),
                    "coordinator " + user + " of " + account);
        }
        return done;
    }

    public String removeMembership(String user, String account) throws SlurmException {
        try {
            sacctmgr.run("-i", "delete", "user", user, "account=" + account);
            return "Slurm: removed user " + user + " from account " + account;
        } catch (SlurmException e) {
            if (e.getMessage().contains("Nothing deleted")) {
                return "Slurm: user " + user + " was not in account " + account;
            }
            throw e;
        }
    }

    private String added(List<String> args, String what) throws SlurmException {
        try {
            sacctmgr.run(args.toArray(String[]::new));
            return "Slurm: added " + what;
        } catch (SlurmException e) {
            // sacctmgr exits non-zero when everything asked for exists already (22.05: "Nothing new added.",
            // 24.11: "Request didn't affect anything / Nothing added.").
            if (e.getMessage().contains("Nothing new added") || e.getMessage().contains("Nothing added")
                    || e.getMessage().contains("already exist")) {
                return "Slurm: " + what + " was there already";
            }
            throw e;
        }
    }
}
