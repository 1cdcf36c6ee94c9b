package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allocd.slurm.SlurmException;
import org.allocd.sync.AccountTree;
import org.allocd.sync.Differences;
import org.allocd.sync.ImportPlan;
import org.allocd.sync.SlurmAccounts;
import org.allocd.sync.SlurmWrites;

/** The bank and slurmdbd kept in step: import slurm, check slurm, and the Slurm side of add, modify and delete. */
final class SlurmVerbs {
    private static final String CLUSTER_HELP = "only this Slurm cluster's associations (default: every cluster's)";
    static final String PARENT_HELP = "put it (and its subtree) under this account; parent=none for the top level";
    static final String NEWNAME_HELP = "not done: accounts keep their name (the reason is printed)";
    /** Said when slurm_accounts = yes but this Slurm has no accounting: nothing to keep in step. */
    static final String NO_ACCOUNTING = "this Slurm keeps no accounts, users or associations: it has no slurmdbd"
            + " (AccountingStorageType is not accounting_storage/slurmdbd in slurm.conf)";

    private SlurmVerbs() {}

    static List<Verbs.Verb> all() {
        return List.of(
                new Verbs.Verb("import", "slurm", List.of(), "bring slurmdbd's accounts (with parents), users, their"
                        + " memberships, coordinators and default accounts into the bank; lists what it would add"
                        + " unless apply=yes",
                        Verbs.fields("apply", "yes: add them (default no: only list them)", "cluster", CLUSTER_HELP),
                        SlurmVerbs::importSlurm),
                new Verbs.Verb("check", "slurm", List.of(), "list every difference between slurmdbd's accounts, users"
                        + " and memberships and the bank's, both ways",
                        Verbs.fields("cluster", CLUSTER_HELP), SlurmVerbs::check));
    }

    private static void importSlurm(Session s, Words w) {
        w.noName();
        String apply = w.get("apply") == null ? "no" : w.get("apply");
        if (!Set.of("yes", "no").contains(apply)) {
            throw new UsageException("apply=" + apply + ": write apply=yes to add, or leave it out to list");
        }
        List<ImportPlan.Step> steps = ImportPlan.of(slurm(s, w), bank(s));
        for (ImportPlan.Step step : steps) {
            if (apply.equals("yes")) {
                ObjectNode request = Session.request(step.op());
                for (int i = 0; i < step.fields().size(); i += 2) {
                    request.put(step.fields().get(i), step.fields().get(i + 1));
                }
                s.write(request);
                s.out.println("done: " + step.text());
            } else {
                s.out.println("would " + step.text());
            }
        }
        s.out.println(steps.isEmpty() ? "nothing to import: the bank has every account, user and membership of Slurm"
                : apply.equals("yes") ? steps.size() + " changes made"
                : steps.size() + " changes; run again with apply=yes to make them");
        s.out.flush();
    }

    private static void check(Session s, Words w) {
        w.noName();
        List<String> differences = Differences.between(slurm(s, w), bank(s));
        differences.forEach(s.out::println);
        s.out.println(differences.isEmpty() ? "Slurm and the bank agree" : differences.size() + " differences");
        s.out.flush();
    }

    private static AccountTree slurm(Session s, Words w) {
        try {
            return SlurmAccounts.read(SlurmLink.of(s.env).sacctmgr(), Optional.ofNullable(w.get("cluster")));
        } catch (SlurmException e) {
            if (SlurmWrites.noAccounting(e)) {
                throw new Refused(NO_ACCOUNTING + ", so there is nothing to import or compare");
            }
            throw new Refused("cannot read Slurm's accounts: " + e.getMessage() + "; is slurmdbd running, and is"
                    + " this a Slurm with accounting (AccountingStorageType=accounting_storage/slurmdbd)?");
        }
    }

    /** The bank's tree as this admin sees it; closed accounts are history, not accounts to keep in step. */
    private static AccountTree bank(Session s) {
        Map<String, String> parents = new HashMap<>();
        for (JsonNode row : s.ask(Session.request("accounts")).get("rows")) {
            if (!"closed".equals(row.path("state").asText())) {
                parents.put(row.get("account").asText(), text(row, "parent"));
            }
        }
        Map<String, String> defaults = new HashMap<>();
        for (JsonNode row : s.ask(Session.request("users")).get("rows")) {
            defaults.put(row.get("user").asText(), text(row, "default_account"));
        }
        Map<AccountTree.Member, String> roles = new HashMap<>();
        for (JsonNode row : s.ask(Session.request("memberships")).get("rows")) {
            if (parents.containsKey(row.get("account").asText())) {
                roles.put(new AccountTree.Member(row.get("user").asText(), row.get("account").asText()),
                        row.get("role").asText());
            }
        }
        return new AccountTree(parents, defaults, roles);
    }

    private static String text(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    interface SlurmChange {
        String apply(SlurmWrites slurm) throws SlurmException;
    }

    /**
     * After the bank made a change: the same change in Slurm when allocmgr.conf says slurm_accounts = yes. The bank's
     * change stands either way; a Slurm failure is reported with what to do.
     */
    static void mirror(Session s, SlurmChange change) {
        SlurmLink link = SlurmLink.of(s.env);
        if (!link.createInSlurm()) {
            return;
        }
        try {
            s.out.println(change.apply(new SlurmWrites(link.sacctmgr())));
            s.out.flush();
        } catch (SlurmException e) {
            if (SlurmWrites.noAccounting(e)) {
                s.out.println("Slurm: nothing done: " + NO_ACCOUNTING + "; the bank made the change alone");
                s.out.flush();
                return;
            }
            throw new Refused("the bank has the change, Slurm does not: " + e.getMessage() + "; make it in Slurm"
                    + " ('allocmgr check slurm' lists what differs)");
        }
    }

    /**
     * Accounts are never renamed, in the bank or (mirrored) in Slurm: the name is the Slurm account every job names,
     * and the journal, statements and bills carry it for life; sacctmgr has no rename either, and making a new
     * Slurm account and moving its associations would strand the jobs queued under the old name. Asked for with
     * newname= or, as sacctmgr is written, "modify account OLD set name=NEW".
     */
    static void refuseRename(Words w) {
        String old = w.bare();
        String renamed = w.has("newname") ? w.get("newname")
                : old != null && w.has("name") && !old.equals(w.get("name")) ? w.get("name") : null;
        if (renamed != null) {
            String from = old != null ? old : w.get("name");
            throw new UsageException("account " + from + " is not renamed to " + renamed + ": an account keeps its"
                    + " name, which is its Slurm account (every job names it; the journal, statements and bills"
                    + " carry it), and Slurm cannot rename an account either. To go on under the new name: 'allocmgr"
                    + " add account " + renamed + "' (same parent), add its members, transfer the money, and close "
                    + from + " once its jobs have ended");
        }
    }

    /**
     * With mirroring on, an account is closed only when Slurm has none of its jobs queued or running: deleting its
     * Slurm account would leave them without one (22.05 deletes it under a queued job). Checked before the bank's
     * change, so a refusal changes nothing.
     */
    static void refuseCloseWithJobs(Session s, String name) {
        SlurmLink link = SlurmLink.of(s.env);
        if (!link.createInSlurm()) {
            return;
        }
        List<String> jobs;
        try {
            jobs = SlurmWrites.jobsOf(link.squeue(), name);
        } catch (SlurmException e) {
            throw new Refused("account " + name + " is not closed: cannot see Slurm's queue (" + e.getMessage()
                    + "); is slurmctld running?");
        }
        if (!jobs.isEmpty()) {
            throw new Refused("account " + name + " is not closed: Slurm has " + jobs.size() + " of its jobs queued"
                    + " or running (" + String.join(",", jobs.subList(0, Math.min(10, jobs.size())))
                    + (jobs.size() > 10 ? ",..." : "") + "), which would lose their account; cancel them (scancel"
                    + " --account=" + name + ") or let them end, then close it again");
        }
    }

    /** modify account parent=: the bank moves the account, then Slurm does. */
    static void moveAccount(Session s, String name, String parent) {
        String to = parent.equals("none") ? null : parent;
        s.done(s.write(Session.request("move_account").put("name", name).put("parent", to)));
        mirror(s, slurm -> slurm.moveAccount(name, to));
    }

    /**
     * modify account state=: closed deletes Slurm's account (with its associations), active makes it again with the
     * bank's members of it; Slurm has no frozen account: the bank refuses a frozen account's jobs itself.
     */
    static void mirrorState(Session s, String name, String state) {
        switch (state.toLowerCase(java.util.Locale.ROOT)) {
            case "closed" -> mirror(s, slurm -> slurm.deleteAccount(name));
            case "active" -> {
                JsonNode rows = s.ask(Session.request("accounts").put("account", name)).get("rows");
                String parent = rows.isEmpty() ? null : text(rows.get(0), "parent");
                JsonNode members = s.ask(Session.request("memberships").put("account", name)).get("rows");
                mirror(s, slurm -> {
                    StringBuilder done = new StringBuilder(slurm.addAccount(name, parent));
                    for (JsonNode m : members) {
                        done.append("; ").append(slurm.addMembership(m.get("user").asText(), name, false,
                                AccountTree.COORDINATOR.equals(m.get("role").asText())));
                    }
                    return done.toString();
                });
            }
            default -> mirror(s, slurm -> "Slurm: nothing to change: Slurm has no " + state + " accounts; the bank"
                    + " refuses the account's new jobs at submit");
        }
    }
}
