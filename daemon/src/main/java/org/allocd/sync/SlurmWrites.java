package org.allocd.sync;

import java.util.ArrayList;
import java.util.List;
import org.allocd.slurm.SlurmCommand;
import org.allocd.slurm.SlurmException;

/**
 * The Slurm side of allocmgr's add, modify and delete, through sacctmgr (bounded by SlurmCommand), so an admin makes
 * each change to an account, user or membership once. What is already so in Slurm is no error: running it again
 * changes nothing. Each returns what it did, as a line for the admin.
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
            done += "; " + setCoordinator(user, account, true);
        }
        return done;
    }

    public String removeMembership(String user, String account) throws SlurmException {
        return deleted(List.of("-i", "delete", "user", user, "account=" + account),
                "removed user " + user + " from account " + account, "user " + user + " was not in account " + account);
    }

    /**
     * Closing the bank's account deletes Slurm's, with its users' associations (allocmgr first makes sure Slurm has
     * none of its jobs: Slurm 22.05 deletes an account under a queued job). Slurm's own refusals are passed on.
     */
    public String deleteAccount(String name) throws SlurmException {
        return deleted(List.of("-i", "delete", "account", "name=" + name), "deleted account " + name,
                "account " + name + " was not there");
    }

    /** Slurm's account takes the bank's description and organization (only those given). */
    public String modifyAccount(String name, String description, String organization) throws SlurmException {
        List<String> args = new ArrayList<>(List.of("-i", "modify", "account", "where", "name=" + name, "set"));
        if (description != null) {
            args.add("description=" + description);
        }
        if (organization != null) {
            args.add("organization=" + organization);
        }
        return modified(args, "set " + String.join(" ", args.subList(6, args.size())) + " of account " + name);
    }

    /** parent null: under Slurm's root, where a top-level account of the bank lives in Slurm. */
    public String moveAccount(String name, String parent) throws SlurmException {
        String to = parent == null ? SlurmAccounts.ROOT : parent;
        return modified(List.of("-i", "modify", "account", "where", "name=" + name, "set", "parent=" + to),
                "moved account " + name + " under " + to);
    }

    /** Slurm's default account must be one of the user's associations: it is made first when missing. */
    public String setDefaultAccount(String user, String account) throws SlurmException {
        String association = addMembership(user, account, false, false);
        return association + "; " + modified(List.of("-i", "modify", "user", "where", "name=" + user, "set",
                "defaultaccount=" + account), "default account of " + user + " is " + account);
    }

    /** The coordinator role given (add coordinator) or taken back (delete coordinator). */
    public String setCoordinator(String user, String account, boolean coordinator) throws SlurmException {
        if (coordinator) {
            return added(List.of("-i", "add", "coordinator", "account=" + account, "names=" + user),
                    "coordinator " + user + " of " + account);
        }
        return deleted(List.of("-i", "delete", "coordinator", "account=" + account, "names=" + user),
                "removed coordinator " + user + " of " + account, user + " was no coordinator of " + account);
    }

    /** The ids of the account's jobs Slurm has queued or running (squeue's default states). */
    public static List<String> jobsOf(SlurmCommand squeue, String account) throws SlurmException {
        return squeue.run("-h", "-A", account, "-o", "%i").lines().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
    }

    /** Whether sacctmgr failed because this Slurm keeps no accounts at all (no slurmdbd configured). */
    public static boolean noAccounting(SlurmException e) {
        return e.getMessage().contains("not running a supported accounting_storage plugin");
    }

    private String deleted(List<String> args, String done, String absent) throws SlurmException {
        return run(args, done, absent, "Nothing deleted");
    }

    private String modified(List<String> args, String done) throws SlurmException {
        return run(args, done, done + " already", "Nothing modified");
    }

    /*
     * 22.05 says "Nothing new added.", 24.11 "Request didn't affect anything / Nothing added.", either may say a
     * thing "already exists".
     */
    private String added(List<String> args, String what) throws SlurmException {
        return run(args, "added " + what, what + " was there already", "Nothing new added", "Nothing added",
                "already exist");
    }

    /**
     * Runs sacctmgr; it exits non-zero also when there was nothing to do (what it then says is one of nothingToDo),
     * which is no error here: the line then says so (unchanged).
     */
    private String run(List<String> args, String done, String unchanged, String... nothingToDo)
            throws SlurmException {
        try {
            sacctmgr.run(args.toArray(String[]::new));
            return "Slurm: " + done;
        } catch (SlurmException e) {
            for (String said : nothingToDo) {
                if (e.getMessage().contains(said)) {
                    return "Slurm: " + unchanged;
                }
            }
            throw e;
        }
    }
}
