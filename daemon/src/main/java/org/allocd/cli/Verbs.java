package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;

/**
 * Every allocmgr verb: its fields (with help), and what it asks the daemon.
 * The daemon decides every permission; the client only checks the command line.
 */
final class Verbs {
    private Verbs() {}

    interface Action {
        void run(Session s, Words w);
    }

    /** A verb, or a verb with its entity ("add account"); keys maps each field to its help. */
    record Verb(String group, String name, List<String> aliases, String summary, Map<String, String> keys,
            Action action) {
        String path() {
            return group == null ? name : group + " " + name;
        }
    }

    static final String OWN_HELP = "yes: the account's own figures, not its subtree's (default no)";

    static final Map<String, String> GROUPS = fields(
            "add", "add an account, user, membership (coordinator), allocation, recurring grant or billing rule",
            "modify", "change an account, user or membership",
            "delete", "close an account, remove a membership or coordinator role, stop a grant, or remove a billing"
                    + " rule",
            "show", "list accounts, users, memberships, allocations, grants, alerts, billing rules, jobs, balances, rates or"
                    + " transactions",
            "import", "import usage from a file (storage), or Slurm's accounts and users (slurm)",
            "check", "compare the bank with Slurm's accounts and users (slurm)");

    private static final Table ACCOUNTS = new Table(List.of(Column.text("Account", "account"),
            Column.text("Parent", "parent"), Column.text("State", "state"), Column.text("Description", "description"),
            Column.text("Organization", "organization"), Column.su("CreditLimit", "credit_limit_micro_su"),
            Column.text("Fallback", "fallback").hidden(), Column.text("FallbackQos", "fallback_qos").hidden()));
    private static final Table USERS = new Table(List.of(Column.text("User", "user"),
            Column.text("DefaultAccount", "default_account"), Column.number("Uid", "uid")));
    private static final Table MEMBERSHIPS = new Table(List.of(Column.text("Account", "account"),
            Column.text("User", "user"), Column.text("Role", "role"), Column.su("Used", "used_micro_su"),
            Column.su("Limit", "limit_micro_su"), Column.text("Counts", "use_counts"),
            Column.text("LimitPer", "limit_per").hidden(), Column.text("BlockedBy", "blocked_by").hidden()));
    private static final String LIMIT_HELP = "most this user may use of the account, in SU";
    private static final String LIMIT_PER_HELP = "what the limit counts: total (the default: all use) or cycle (use"
            + " since the current period of the account's recurring grant began)";
    private static final Table ALLOCATIONS = new Table(List.of(Column.number("Id", "id"),
            Column.text("Account", "account"), Column.su("Amount", "amount_micro_su"),
            Column.su("Remaining", "remaining_micro_su"), Column.time("Start", "starts_at_ms"),
            Column.time("End", "ends_at_ms"), Column.text("Expired", "expired"), Column.text("Kind", "kind")));
    private static final Table BALANCES = new Table(List.of(Column.text("Account", "account"),
            Column.text("Scope", "scope"), Column.su("Deposited", "deposited_micro_su"),
            Column.su("Withdrawn", "withdrawn_micro_su"), Column.su("TransferIn", "transferred_in_micro_su"),
            Column.su("TransferOut", "transferred_out_micro_su"), Column.su("Charged", "charged_micro_su"),
            Column.su("Refunded", "refunded_micro_su"), Column.su("Adjusted", "adjusted_micro_su"),
            Column.su("Expired", "expired_micro_su"), Column.su("Billed", "billed_micro_su"),
            Column.su("Balance", "balance_micro_su"), Column.su("Liened", "open_liens_micro_su"),
            Column.su("CreditLimit", "credit_limit_micro_su"), Column.su("Available", "available_micro_su"),
            Column.text("Forecast", "forecast"), Column.su("NotYetActive", "not_yet_active_micro_su").hidden(),
            Column.text("Project", "description").hidden(),
            Column.text("Organization", "organization").hidden(), Column.text("Parent", "parent").hidden(),
            Column.text("State", "state").hidden()));
    private static final Table JOBCHARGE = new Table(List.of(Column.text("User", "user"),
            Column.number("Jobs", "jobs"), Column.su("SU", "net_micro_su"), Column.share("Share", "share_basis_points"),
            Column.su("Charged", "charged_micro_su").hidden(), Column.su("Refunded", "refunded_micro_su").hidden()));
    static final Table JOBS = new Table(List.of(Column.text("Job", "job"), Column.text("JobID", "slurm_id"),
            Column.text("User", "user"),
            Column.text("Account", "account"), Column.text("Partition", "partition"),
            Column.text("ReqTRES", "req_tres"), Column.number("QueuedSec", "queued_s"), Column.number("RunSec", "run_s"),
            Column.su("Lien", "lien_micro_su"), Column.su("Charged", "charged_micro_su"), Column.text("State", "state"),
            Column.text("Ended", "end_state"), Column.text("Reason", "reason"),
            Column.su("Refunded", "refunded_micro_su").hidden(), Column.su("Quote", "quote_micro_su").hidden(),
            Column.time("Submit", "submit_ms").hidden(), Column.time("Start", "start_ms").hidden(),
            Column.time("End", "end_ms").hidden(), Column.text("Requested", "requested_account").hidden()));
    private static final Table METERS = new Table(List.of(Column.text("Meter", "key"), Column.text("Label", "label"),
            Column.number("Jobs", "jobs"), Column.su("SU", "amount_micro_su"),
            Column.text("Partition", "partition").hidden(), Column.text("Kind", "kind").hidden(),
            Column.su("Charged", "charged_micro_su").hidden(), Column.su("Refunded", "refunded_micro_su").hidden()));
    static final Table JOURNAL = new Table(List.of(Column.number("Id", "id"), Column.time("Time", "at_ms"),
            Column.text("Kind", "kind"), Column.text("Account", "account"), Column.text("User", "user"),
            Column.text("Job", "job"), Column.su("Amount", "amount_micro_su"), Column.text("Actor", "actor"),
            Column.text("Note", "note")));
    private static final Table STATEMENT = new Table(List.of(Column.text("Item", "item"),
            Column.text("User", "user"), Column.su("Amount", "amount_micro_su")));
    private static final Table VERIFY = new Table(List.of(Column.text("Clean", "clean"),
            Column.number("Entries", "journal_entries"), Column.number("Accounts", "accounts"),
            Column.number("Allocations", "allocations"), Column.number("Jobs", "jobs"),
            Column.number("Problems", "problem_count")));
    private static final Table QUOTE = new Table(List.of(Column.text("Verdict", "verdict"),
            Column.text("Account", "account"), Column.su("SU", "amount_micro_su"), Column.text("Note", "message")));
    private static final Table WHOAMI = new Table(List.of(Column.text("User", "user"), Column.text("Admin", "admin")));

    static final String FORMAT = "format";
    static final String FORMAT_HELP = "columns to show, e.g. format=Account,Balance (names as in the header)";
    private static final String NOTE_HELP = "why; recorded in the journal with your user name";
    private static final String PAGE_LIMIT_HELP = "at most this many lines (1-2000, default 2000)";
    static final String START_HELP = "from this day (YYYY-MM-DD) or ISO date-time";
    static final String END_HELP = "up to this day, inclusive (YYYY-MM-DD), or before this ISO date-time";

    static List<Verb> all() {
        List<Verb> all = new java.util.ArrayList<>(core());
        all.addAll(BillingVerbs.all());
        return all;
    }

    private static List<Verb> core() {
        return List.of(
                new Verb("add", "account", List.of(), "create an account (a top-level one needs admin)",
                        fields("name", "the account name (or give it bare)", "parent", "the account above it",
                                "description", "what the project is", "organization", "who it belongs to",
                                "creditlimit", "overdraft allowed, in SU (default 0)",
                                CycleVerbs.THRESHOLDS, CycleVerbs.THRESHOLDS_HELP,
                                "fallback", BillingVerbs.FALLBACK_HELP, "fallback_qos", BillingVerbs.FALLBACK_QOS_HELP),
                        Verbs::addAccount),
                new Verb("add", "user", List.of(), "make a unix user known to the bank",
                        fields("name", "the unix user name (or give it bare)", "uid", "the unix uid",
                                "defaultaccount", "the account jobs go to when they name none"),
                        Verbs::addUser),
                new Verb("add", "coordinator", List.of(), "make a user coordinator of an account (and its subtree)",
                        fields("user", "the user", "account", "the account",
                                "limit", LIMIT_HELP, "limitper", LIMIT_PER_HELP),
                        (s, w) -> addMembership(s, w, "coordinator")),
                new Verb("add", "membership", List.of(), "make a user a member (or coordinator) of an account",
                        fields("user", "the user", "account", "the account", "role", "member or coordinator",
                                "limit", LIMIT_HELP, "limitper", LIMIT_PER_HELP),
                        (s, w) -> addMembership(s, w, w.get("role"))),
                new Verb("add", "allocation", List.of(), "deposit an allocation with a window (money in; asks first)",
                        fields("account", "the account (or give it bare)", "amount", "SU, more than 0",
                                "start", START_HELP, "end", END_HELP, "note", NOTE_HELP),
                        Verbs::deposit),
                new Verb("modify", "account", List.of(), "change an account; state=closed asks first",
                        fields("name", "the account (or give it bare)", "parent", SlurmVerbs.PARENT_HELP,
                                "newname", SlurmVerbs.NEWNAME_HELP, "description", "what the project is",
                                "organization", "who it belongs to", "creditlimit", "overdraft allowed, in SU",
                                "state", "active, frozen or closed", CycleVerbs.THRESHOLDS, CycleVerbs.THRESHOLDS_HELP,
                                "fallback", BillingVerbs.FALLBACK_HELP, "fallback_qos", BillingVerbs.FALLBACK_QOS_HELP),
                        Verbs::modifyAccount),
                new Verb("modify", "user", List.of(), "set a user's default account",
                        fields("name", "the user (or give it bare)", "defaultaccount", "the account"),
                        (s, w) -> {
                            s.done(s.write(Session.request("set_default_account")
                                    .put("user", w.requiredName("name")).put("account", w.required("defaultaccount"))));
                            SlurmVerbs.mirror(s, slurm -> slurm.setDefaultAccount(w.requiredName("name"),
                                    w.required("defaultaccount")));
                        }),
                new Verb("modify", "membership", List.of("coordinator"),
                        "change a member's role, limit or what it counts, or block them from charging the account",
                        fields("user", "the user", "account", "the account", "role", "member or coordinator",
                                "limit", LIMIT_HELP, "limitper", LIMIT_PER_HELP, "blocked",
                                "yes: the member's jobs may not charge the account until blocked=no"),
                        Verbs::modifyMembership),
                new Verb("delete", "account", List.of(), "close an account (its history stays; asks first)",
                        fields("name", "the account (or give it bare)"),
                        (s, w) -> {
                            String name = w.requiredName("name");
                            s.confirm("close account " + name);
                            SlurmVerbs.refuseCloseWithJobs(s, name);
                            s.done(s.write(Session.request("set_account_state").put("name", name).put("state", "closed")));
                            SlurmVerbs.mirror(s, slurm -> slurm.deleteAccount(name));
                        }),
                new Verb("delete", "membership", List.of(), "remove a user from an account (asks first)",
                        fields("user", "the user", "account", "the account"),
                        (s, w) -> {
                            w.noName();
                            s.confirm("remove " + w.required("user") + " from " + w.required("account"));
                            s.done(s.write(Session.request("remove_membership").put("user", w.required("user"))
                                    .put("account", w.required("account"))));
                            SlurmVerbs.mirror(s, slurm -> slurm.removeMembership(w.required("user"),
                                    w.required("account")));
                        }),
                new Verb("delete", "coordinator", List.of(), "make a coordinator a plain member again (asks first)",
                        fields("user", "the user", "account", "the account"),
                        (s, w) -> {
                            w.noName();
                            s.confirm("make " + w.required("user") + " a plain member of " + w.required("account"));
                            changeMembership(s, w, "member");
                            SlurmVerbs.mirror(s, slurm -> slurm.setCoordinator(w.required("user"),
                                    w.required("account"), false));
                        }),
                new Verb("show", "account", List.of("accounts"), "accounts you may see",
                        fields("name", "one account (or give it bare)", FORMAT, FORMAT_HELP),
                        (s, w) -> s.rows(ACCOUNTS, s.ask(Session.request("accounts")
                                .put("account", w.name("name"))), w.get(FORMAT))),
                new Verb("show", "user", List.of("users"), "users you may see",
                        fields(FORMAT, FORMAT_HELP),
                        (s, w) -> {
                            w.noName();
                            s.rows(USERS, s.ask(Session.request("users")), w.get(FORMAT));
                        }),
                new Verb("show", "membership", List.of("coordinator", "memberships"), "memberships you may see",
                        fields("account", "one account", "user", "one user", FORMAT, FORMAT_HELP),
                        (s, w) -> {
                            w.noName();
                            s.rows(MEMBERSHIPS, s.ask(Session.request("memberships").put("account", w.get("account"))
                                    .put("user", w.get("user"))), w.get(FORMAT));
                        }),
                new Verb("show", "allocation", List.of("allocations"), "allocations of the accounts you may see",
                        fields("account", "one account (or give it bare)", FORMAT, FORMAT_HELP),
                        (s, w) -> s.rows(ALLOCATIONS, s.ask(Session.request("allocations")
                                .put("account", w.name("account"))), w.get(FORMAT))),
                new Verb("show", "jobs", List.of("job"), "jobs the bank knows, newest first, after those Slurm"
                        + " holds pending (state pending, with Slurm's reason or allocd's hold note); QueuedSec is"
                        + " submit to start, RunSec start to end (to now while waiting or running)",
                        fields("account", "jobs of this account and its subtree", "user", "one user's jobs",
                                "state", "the bank state: pending, none, open, charged, released or expired",
                                "start", START_HELP + " (first seen by the bank; pending: submitted)",
                                "end", END_HELP, "limit", "at most this many of the bank's jobs (1-2000, default 2000)",
                                "cursor", "the page after (or before) an earlier one, as its footer names it",
                                FORMAT, FORMAT_HELP),
                        (s, w) -> {
                            w.noName();
                            ObjectNode r = window(s, w, Session.request("jobs")).put("account", w.get("account"))
                                    .put("user", w.get("user")).put("state", w.get("state"))
                                    .put("cursor", w.get("cursor"));
                            if (w.has("limit")) {
                                r.put("limit", count(w, "limit", 0));
                            }
                            ObjectNode answer = s.ask(r);
                            s.rows(JOBS, answer, w.get(FORMAT));
                            s.footer(answer.path("slurm_note").asText(null));
                            String older = answer.path("next_cursor").asText(null);
                            s.footer(older == null ? null : "older jobs: the same command with cursor=" + older);
                            String newer = answer.path("previous_cursor").asText(null);
                            s.footer(newer == null ? null : "newer jobs: the same command with cursor=" + newer);
                        }),
                new Verb("show", "balance", List.of("balances"), "the same as 'allocmgr balance'",
                        fields("account", "one account and its subtree (or give it bare)", "own", OWN_HELP, FORMAT,
                                FORMAT_HELP),
                        Verbs::balance),
                new Verb("show", "transactions", List.of("transaction"), "the same as 'allocmgr transactions'",
                        journalFields(), (s, w) -> journal(s, w, "transactions")),
                new Verb(null, "deposit", List.of(), "put money into an account (asks first)",
                        fields("account", "the account (or give it bare)", "amount", "SU, more than 0",
                                "start", START_HELP, "end", END_HELP, "note", NOTE_HELP),
                        Verbs::deposit),
                new Verb(null, "withdraw", List.of(), "take money out of an account (asks first)",
                        fields("account", "the account (or give it bare)", "amount", "SU, more than 0",
                                "note", NOTE_HELP),
                        (s, w) -> {
                            String account = w.requiredName("account");
                            long amount = positive(w);
                            s.confirm("withdraw " + MicroSu.format(amount) + " SU from " + account);
                            s.done(s.write(Session.request("withdraw").put("account", account)
                                    .put("amount_micro_su", amount).put("note", w.get("note"))));
                        }),
                new Verb(null, "transfer", List.of(), "move money between accounts (asks first)",
                        fields("from", "the account paying", "to", "the account receiving", "amount", "SU, more than 0",
                                "note", NOTE_HELP),
                        (s, w) -> {
                            w.noName();
                            long amount = positive(w);
                            s.confirm("move " + MicroSu.format(amount) + " SU from " + w.required("from") + " to "
                                    + w.required("to"));
                            s.done(s.write(Session.request("transfer").put("from", w.required("from"))
                                    .put("to", w.required("to")).put("amount_micro_su", amount)
                                    .put("note", w.get("note"))));
                        }),
                new Verb(null, "refund", List.of(), "give back a job's charge, all of it or amount= (asks first)",
                        fields("job", "the Slurm job id (1234, or 31_1 for an array element), or cluster/jobid/restart", "amount", "SU (default: all)",
                                "note", NOTE_HELP),
                        (s, w) -> {
                            w.noName();
                            ObjectNode r = Session.request("refund").put("job", w.required("job"))
                                    .put("note", w.get("note"));
                            if (w.has("amount")) {
                                r.put("amount_micro_su", positive(w));
                            }
                            s.confirm("refund job " + w.required("job")
                                    + (w.has("amount") ? " by " + w.get("amount") + " SU" : " in full"));
                            s.done(s.write(r));
                        }),
                new Verb(null, "adjust", List.of(), "correct an account's balance by a signed amount (asks first)",
                        fields("account", "the account (or give it bare)", "amount", "SU, negative takes money out",
                                "note", "why (required)", "force", "yes: even below the account's credit limit"
                                        + " (refused without it; the journal records it)"),
                        (s, w) -> {
                            String account = w.requiredName("account");
                            long amount = amount(w.required("amount"));
                            if (amount == 0) {
                                throw new UsageException("amount=0 changes nothing; give a positive or negative amount");
                            }
                            boolean force = yes(w, "force");
                            s.confirm("adjust " + account + " by " + MicroSu.format(amount) + " SU"
                                    + (force ? ", even below its credit limit" : ""));
                            s.done(s.write(Session.request("adjust").put("account", account)
                                    .put("amount_micro_su", amount).put("note", w.required("note"))
                                    .put("force", force)));
                        }),
                new Verb(null, "charges", List.of(), "charges of an account and its subtree by meter: CPU/memory"
                        + " and GPU per partition. A job's units are the largest of its GPUs, memory/mem_per_unit and"
                        + " cores/cpus_per_unit; its whole charge goes to the meter of the term that won (GPU on a"
                        + " tie; an exclusive job with GPUs: GPU), judged from the request stored at its start",
                        fields("account", "the account (or give it bare)", "start", START_HELP + " (jobs first seen"
                                + " from then)", "end", END_HELP, FORMAT, FORMAT_HELP),
                        Verbs::charges),
                new Verb(null, "statement", List.of(), "one account's money over a period: opening balance, then"
                        + " deposited, withdrawn, transferred in and out, charged and refunded (by user), adjusted,"
                        + " expired and billed, which add up to the closing balance (money out is negative); of a"
                        + " parent's whole subtree unless own=yes; a period not over yet is shown up to now; money"
                        + " deposited for a window that starts after the period is listed after the closing, apart"
                        + " (docs/numbers.md)",
                        fields("account", "the account (or give it bare)", "month", "YYYY-MM (UTC), or start=/end=",
                                "start", START_HELP, "end", END_HELP, "own", OWN_HELP, FORMAT, FORMAT_HELP),
                        Verbs::statement),
                new Verb(null, "transactions", List.of(), "journal lines (all of them for admins, else name an account)",
                        journalFields(), (s, w) -> journal(s, w, "transactions")),
                new Verb(null, "payments", List.of(), "deposits (the payment history)",
                        fields("account", "one account and its subtree (or give it bare)", "user",
                                "only this user's deposits", "start", START_HELP, "end", END_HELP, "limit",
                                PAGE_LIMIT_HELP, "cursor", "the page after (or before) an earlier one, as its footer"
                                + " names it", FORMAT, FORMAT_HELP),
                        (s, w) -> journal(s, w, "payments")),
                new Verb(null, "verify", List.of(), "check the ledger's invariants and hash chain (admins)",
                        fields(FORMAT, FORMAT_HELP), Verbs::verify),
                new Verb(null, "backup", List.of(), "write a consistent copy of the database to FILE (admins)",
                        fields("file", "where to write it (or give it bare); must not exist"),
                        (s, w) -> {
                            String file = Path.of(w.requiredName("file")).toAbsolutePath().normalize().toString();
                            ObjectNode answer = s.ask(Session.request("backup").put("file", file));
                            if (s.format == OutputFormat.JSON) {
                                s.done(answer);
                            } else {
                                s.out.println("backup written to " + answer.path("file").asText());
                                s.out.flush();
                            }
                        }),
                new Verb(null, "portal", List.of(), "print a one-time link that opens the web portal as you"
                        + " (valid 60 s, used once)",
                        fields("user", "whose session (default: you; another user's needs the admin role)"),
                        (s, w) -> {
                            ObjectNode answer = s.ask(Session.request("portal").put("user", w.get("user")));
                            if (s.format == OutputFormat.JSON) {
                                s.done(answer);
                            } else {
                                s.out.println(answer.path("url").asText());
                                s.out.flush();
                            }
                        }),
                new Verb(null, "whoami", List.of(), "who the daemon thinks you are",
                        fields(FORMAT, FORMAT_HELP),
                        (s, w) -> {
                            ObjectNode answer = s.ask(Session.request("whoami"));
                            ArrayNode rows = JsonNodeFactory.instance.arrayNode();
                            rows.addObject().put("user", answer.path("user").asText())
                                    .put("admin", answer.path("admin").asText());
                            s.rows(WHOAMI, withRows(answer, rows), w.get(FORMAT));
                        }));
    }

    private static void addAccount(Session s, Words w) {
        String name = w.requiredName("name");
        ObjectNode fallback = BillingVerbs.hasFallback(w) ? BillingVerbs.fallbackRequest(w, name) : null;
        ObjectNode r = Session.request("create_account").put("name", name)
                .put("parent", w.get("parent")).put("description", w.get("description"))
                .put("organization", w.get("organization"));
        if (w.has("creditlimit")) {
            r.put("credit_limit_micro_su", notNegative("creditlimit", w.get("creditlimit")));
        }
        s.done(s.write(r));
        SlurmVerbs.mirror(s, slurm -> slurm.addAccount(name, w.get("parent")));
        CycleVerbs.thresholds(s, w, name);
        if (fallback != null) {
            s.done(s.write(fallback));
        }
    }

    private static void addUser(Session s, Words w) {
        String name = w.requiredName("name");
        String account = w.get("defaultaccount");
        s.done(s.write(Session.request("add_user").put("name", name).put("default_account", account)
                .put("uid", uid(w))));
        // A Slurm user exists only through an account: with none, there is nothing to make in Slurm yet.
        if (account != null) {
            SlurmVerbs.mirror(s, slurm -> slurm.addMembership(name, account, true, false));
        }
    }

    private static void modifyAccount(Session s, Words w) {
        SlurmVerbs.refuseRename(w);
        String name = w.requiredName("name");
        boolean fields = w.has("description") || w.has("organization") || w.has("creditlimit");
        if (!fields && !w.has("state") && !w.has(CycleVerbs.THRESHOLDS) && !BillingVerbs.hasFallback(w)
                && !w.has("parent")) {
            throw new UsageException("modify account " + name + " changes nothing; give description=, organization=,"
                    + " creditlimit=, state=, parent=, " + CycleVerbs.THRESHOLDS + "= or fallback=");
        }
        ObjectNode fallback = BillingVerbs.hasFallback(w) ? BillingVerbs.fallbackRequest(w, name) : null;
        if ("closed".equalsIgnoreCase(w.get("state"))) {
            s.confirm("close account " + name);
            SlurmVerbs.refuseCloseWithJobs(s, name);
        }
        CycleVerbs.thresholds(s, w, name);
        if (fields) {
            ObjectNode r = Session.request("modify_account").put("name", name).put("description", w.get("description"))
                    .put("organization", w.get("organization"));
            if (w.has("creditlimit")) {
                r.put("credit_limit_micro_su", notNegative("creditlimit", w.get("creditlimit")));
            }
            s.done(s.write(r));
            if (w.has("description") || w.has("organization")) {
                SlurmVerbs.mirror(s, slurm -> slurm.modifyAccount(name, w.get("description"), w.get("organization")));
            }
        }
        if (w.has("parent")) {
            SlurmVerbs.moveAccount(s, name, w.get("parent"));
        }
        if (w.has("state")) {
            s.done(s.write(Session.request("set_account_state").put("name", name).put("state", w.get("state"))));
            SlurmVerbs.mirrorState(s, name, w.get("state"));
        }
        if (fallback != null) {
            s.done(s.write(fallback));
        }
    }

    private static void addMembership(Session s, Words w, String role) {
        w.noName();
        ObjectNode r = Session.request("add_membership").put("user", w.required("user"))
                .put("account", w.required("account")).put("role", role);
        if (w.has("limit")) {
            r.put("limit_micro_su", notNegative("limit", w.get("limit")));
        }
        r.put("limit_per", w.get("limitper"));
        s.done(s.write(r));
        SlurmVerbs.mirror(s, slurm -> slurm.addMembership(w.required("user"), w.required("account"), false,
                "coordinator".equals(role)));
    }

    private static void modifyMembership(Session s, Words w) {
        w.noName();
        if (!w.has("role") && !w.has("limit") && !w.has("limitper") && !w.has("blocked")) {
            throw new UsageException("modify membership changes nothing; give role=, limit=, limitper= or blocked=");
        }
        if (w.has("blocked")) {
            s.done(s.write(Session.request("set_member_blocked").put("user", w.required("user"))
                    .put("account", w.required("account")).put("blocked", yes("blocked", w.get("blocked")))));
        }
        if (w.has("role") || w.has("limit") || w.has("limitper")) {
            changeMembership(s, w, w.get("role"));
        }
        if (w.has("role")) {
            SlurmVerbs.mirror(s, slurm -> slurm.setCoordinator(w.required("user"), w.required("account"),
                    "coordinator".equals(w.get("role"))));
        }
    }

    /** An upsert that keeps what is not given: the current role and limit are read first. */
    private static void changeMembership(Session s, Words w, String role) {
        JsonNode rows = s.ask(Session.request("memberships").put("account", w.required("account"))
                .put("user", w.required("user"))).get("rows");
        if (rows.isEmpty()) {
            throw new Refused("user '" + w.required("user") + "' is not a member of account '" + w.required("account")
                    + "' (or you may not see it); add it with 'allocmgr add membership'");
        }
        JsonNode current = rows.get(0);
        ObjectNode r = Session.request("add_membership").put("user", w.required("user"))
                .put("account", w.required("account"))
                .put("role", role != null ? role : current.path("role").asText());
        if (w.has("limit")) {
            r.put("limit_micro_su", notNegative("limit", w.get("limit")));
        } else {
            r.set("limit_micro_su", current.get("limit_micro_su"));
        }
        r.put("limit_per", w.has("limitper") ? w.get("limitper") : current.path("limit_per").asText());
        s.done(s.write(r));
    }

    private static void deposit(Session s, Words w) {
        String account = w.requiredName("account");
        long amount = positive(w);
        ObjectNode r = window(s, w, Session.request("deposit"), "starts_at_ms", "ends_at_ms")
                .put("account", account).put("amount_micro_su", amount).put("note", w.get("note"));
        s.confirm("deposit " + MicroSu.format(amount) + " SU into " + account);
        s.done(s.write(r));
    }

    static void jobcharge(Session s, Words w) {
        s.rows(JOBCHARGE, s.ask(window(s, w, Session.request("jobcharge")).put("account", w.requiredName("account"))),
                w.get(FORMAT));
    }

    static void balance(Session s, Words w) {
        ObjectNode answer = s.ask(Session.request("balances").put("account", w.name("account")));
        String scope = yes(w, "own") ? "own" : "subtree";
        if (s.format == OutputFormat.JSON) {
            s.rows(BALANCES, answer, w.get(FORMAT));
            return;
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        answer.get("rows").forEach(row -> rows.add(FigureRows.flatten(row, scope)));
        s.rows(BALANCES, withRows(answer, rows), w.get(FORMAT));
        FigureRows.notes(s, answer.get("rows"), scope);
        FigureRows.memberUse(s, answer.get("rows"));
    }

    private static void statement(Session s, Words w) {
        ObjectNode r = window(s, w, Session.request("statement")).put("account", w.requiredName("account"))
                .put("month", w.get("month"));
        if (yes(w, "own")) {
            r.put("own", "yes");
        }
        ObjectNode answer = s.ask(r);
        if (s.format == OutputFormat.JSON) {
            s.rows(STATEMENT, answer, w.get(FORMAT));
            return;
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        FigureRows.Line line = (item, user, amount) -> rows.addObject().put("item", item).put("user", user)
                .put("amount_micro_su", amount);
        FigureRows.lines(answer, line, null, s.zone());
        s.rows(STATEMENT, withRows(answer, rows), w.get(FORMAT));
        // Figures of now (available) are given only for a period that reaches now.
        boolean upToNow = !answer.path("available_micro_su").isNull();
        s.footer(answer.get("account").asText() + (answer.get("scope").asText().equals("own") ? " alone"
                : " and every account below it (own=yes for its own journal)") + ", from "
                + Column.time("", "from_ms").render(answer, s.zone())
                + (upToNow ? " up to now" : " to " + Column.time("", "to_ms").render(answer, s.zone())));
    }

    /** A yes/no word: absent is no. */
    static boolean yes(Words w, String key) {
        if (!w.has(key) || w.get(key).equals("no")) {
            return false;
        }
        if (w.get(key).equals("yes")) {
            return true;
        }
        throw new UsageException(key + "=" + w.get(key) + " must be yes or no");
    }

    private static void charges(Session s, Words w) {
        ObjectNode answer = s.ask(window(s, w, Session.request("charges")).put("account", w.requiredName("account")));
        if (s.format == OutputFormat.JSON) {
            s.rows(METERS, answer, w.get(FORMAT));
        } else {
            s.rows(METERS, withRows(answer, (ArrayNode) answer.get("meters")), w.get(FORMAT));
        }
    }

    private static void journal(Session s, Words w, String op) {
        ObjectNode r = window(s, w, Session.request(op)).put("account", w.name("account")).put("user", w.get("user"))
                .put("cursor", w.get("cursor"));
        if (w.has("kind")) {
            r.put("kind", w.get("kind"));
        }
        if (w.has("limit")) {
            r.put("limit", count(w, "limit", 0));
        }
        ObjectNode answer = s.ask(r);
        s.rows(JOURNAL, answer, w.get(FORMAT));
        String later = answer.path("next_cursor").asText(null);
        s.footer(later == null ? null : "later lines: the same command with cursor=" + later);
        String earlier = answer.path("previous_cursor").asText(null);
        s.footer(earlier == null ? null : "earlier lines: the same command with cursor=" + earlier);
    }

    private static void verify(Session s, Words w) {
        w.noName();
        ObjectNode answer = s.ask(Session.request("verify"));
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        rows.add(answer.deepCopy());
        s.rows(VERIFY, withRows(answer, rows), w.get(FORMAT));
        if (s.format != OutputFormat.JSON) {
            answer.path("problems").forEach(p -> s.out.println("problem: " + p.asText()));
            s.out.flush();
        }
        if (!answer.path("clean").asBoolean(false)) {
            throw new Refused("the ledger is not clean: " + answer.path("problem_count").asLong() + " problems");
        }
    }

    static void quote(Session s, Words w) {
        w.noName();
        ObjectNode r = Session.request("quote").put("partition", w.required("partition"));
        if (w.has("account")) {
            r.put("account", w.get("account"));
        }
        if (w.has("user")) {
            r.put("user", w.get("user"));
        }
        if (w.has("qos")) {
            r.put("qos", w.get("qos"));
        }
        r.put("cpus", count(w, "cpus", 1)).put("gpus", count(w, "gpus", 0)).put("nodes", count(w, "nodes", 1))
                .put("exclusive", w.has("exclusive") && yes("exclusive", w.get("exclusive")))
                .put("mem_bytes", w.has("mem") ? slurmMemoryBytes(w.get("mem")) : 0)
                .put("time_limit_s", w.has("time") ? slurmTimeSeconds(w.get("time")) : 0);
        ObjectNode answer = s.ask(r);
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        rows.add(answer.deepCopy());
        s.rows(QUOTE, withRows(answer, rows), w.get(FORMAT));
    }

    private static boolean yes(String key, String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true", "1" -> true;
            case "no", "false", "0" -> false;
            default -> throw new UsageException(key + "=" + text + ": write yes or no");
        };
    }

    static long count(Words w, String key, long absent) {
        if (!w.has(key)) {
            return absent;
        }
        String text = w.get(key);
        if (!text.matches("\\d{1,7}")) {
            throw new UsageException(key + "=" + text + " is not a whole number of at most 7 digits");
        }
        return Long.parseLong(text);
    }

    /** As sbatch reads --mem: a number of MiB, or with a K, M, G or T suffix (powers of 1024). */
    private static long slurmMemoryBytes(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,12})([KMGT]?)B?", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException("mem=" + text + " is not a memory size; write it as sbatch --mem does, e.g. 300G");
        }
        int shift = switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
            case "K" -> 10;
            case "G" -> 30;
            case "T" -> 40;
            default -> 20;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static long slurmTimeSeconds(String text) {
        try {
            return org.allocd.config.SlurmTime.parseSeconds(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("time=" + text + ": " + e.getMessage());
        }
    }

    static ObjectNode withRows(ObjectNode answer, ArrayNode rows) {
        ObjectNode copy = answer.deepCopy();
        copy.set("rows", rows);
        return copy;
    }

    private static Map<String, String> journalFields() {
        return fields("account", "one account and its subtree (or give it bare)", "kind",
                "deposit, withdraw, transfer, charge, refund, adjust, expire, settle, bill, lien, release or admin",
                "user", "only this user's lines", "start", START_HELP, "end", END_HELP, "limit", PAGE_LIMIT_HELP,
                "cursor", "the page after (or before) an earlier one, as its footer names it", FORMAT, FORMAT_HELP);
    }

    private static ObjectNode window(Session s, Words w, ObjectNode r) {
        return window(s, w, r, "from_ms", "to_ms");
    }

    private static ObjectNode window(Session s, Words w, ObjectNode r, String fromField, String toField) {
        if (w.has("start")) {
            r.put(fromField, Dates.startMillis("start", w.get("start"), s.zone()));
        }
        if (w.has("end")) {
            r.put(toField, Dates.endMillis("end", w.get("end"), s.zone()));
        }
        if (w.has("start") && w.has("end") && r.get(toField).asLong() <= r.get(fromField).asLong()) {
            throw new UsageException("end=" + w.get("end") + " is not after start=" + w.get("start"));
        }
        return r;
    }

    static long positive(Words w) {
        String text = w.required("amount");
        long amount = text.startsWith("-") ? -1 : unsigned(text);
        if (amount <= 0) {
            throw new UsageException("amount=" + w.get("amount") + " must be more than 0 SU"
                    + " (to take money out use withdraw, or adjust for a correction)");
        }
        return amount;
    }

    private static long notNegative(String key, String text) {
        if (text.startsWith("-")) {
            throw new UsageException(key + "=" + text + " must not be negative");
        }
        return unsigned(text);
    }

    /** An amount without sign (MicroSu.parse), within what one operation may move. */
    private static long unsigned(String text) {
        return within(text, () -> MicroSu.parse(text));
    }

    /** An amount that may be negative (MicroSu.parseSigned), within what one operation may move. */
    static long amount(String text) {
        return within(text, () -> MicroSu.parseSigned(text));
    }

    private static long within(String text, java.util.function.LongSupplier parse) {
        try {
            long amount = parse.getAsLong();
            if (Math.abs(amount) > MicroSu.MAX_AMOUNT) {
                throw new UsageException("amount " + text + " SU is more than one operation may move ("
                        + MicroSu.format(MicroSu.MAX_AMOUNT) + " SU)");
            }
            return amount;
        } catch (LedgerException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Integer uid(Words w) {
        if (!w.has("uid")) {
            return null;
        }
        try {
            int uid = Integer.parseInt(w.get("uid"));
            if (uid < 0) {
                throw new NumberFormatException();
            }
            return uid;
        } catch (NumberFormatException e) {
            throw new UsageException("uid=" + w.get("uid") + " is not a unix uid; give a whole number from 0");
        }
    }

    /** An ordered map from alternating keys and values. */
    static Map<String, String> fields(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
