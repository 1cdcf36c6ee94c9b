package org.allocd.protocol;

import static org.allocd.protocol.Rule.admin;
import static org.allocd.protocol.Rule.both;
import static org.allocd.protocol.Rule.anyone;
import static org.allocd.protocol.Rule.coordinator;
import static org.allocd.protocol.Rule.member;
import static org.allocd.protocol.Rule.named;
import static org.allocd.protocol.Rule.self;
import static org.allocd.protocol.Shape.fields;
import static org.allocd.protocol.Shape.in;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.allocd.protocol.Op.Door;
import org.allocd.protocol.Op.Effect;

/**
 * Every operation allocd answers, named once. The hook socket, the admin socket and the HTTP API
 * dispatch through it, the role rules, metrics labels, HTTP routes and allocmgr's help come from it
 * (docs/protocol.md describes each op's fields and answer).
 */
public final class Registry {
    private static final String HOOK_PEERS = "the hook socket admits only root and SlurmUser";
    private static final String ROWS = "rows: what your roles reach; a named account needs membership";

    /** The job's request as the hooks send it (docs/protocol.md): what QUOTE prices and LIEN and CHARGE keep. */
    private static final String[] JOB = {"partition", "qos?", "cpus?:int", "mem_bytes?:int", "gpus?:int",
        "nodes?:int", "exclusive?:bool", "time_limit_s?:int", "node_classes?:strings"};
    private static final String[] JOB_KEY = {"cluster", "job_id:int", "restart?:int"};
    private static final String[] JOB_TIMES = {"submit_ms?:int", "start_ms?:int", "end_ms?:int", "reservation?"};
    /** The Slurm array a started job is an element of: Slurm's 31_1 is array_job_id 31, array_task_id 1. */
    private static final String[] JOB_ARRAY = {"array_job_id?:int", "array_task_id?:int"};
    private static final String[] QUOTE_ANSWER = {"verdict", "amount_micro_su:int", "amount_su", "message", "account",
        "fallback_from", "qos"};
    private static final String[] PERIOD = {"from_ms?:int", "to_ms?:int"};
    /** A keyset page: at most limit rows from where an earlier answer's cursor points. */
    private static final String[] PAGE = {"cursor?", "limit?:int"};
    private static final List<Shape.Field> PAGE_ANSWER = fields("rows:objects", "truncated:bool", "next_cursor",
            "previous_cursor");

    private static final List<Op> ALL = List.of(
            hook("PING", Effect.READ, "is allocd up: answers with the cluster it serves",
                    Shape.object(in(), "cluster"), HookRequests::ping),
            hook("QUOTE", Effect.READ, "price a job at submit and say whether it may run",
                    Shape.object(in(join(new String[] {"user", "account?", "array_elements?:int"}, JOB)), QUOTE_ANSWER),
                    HookRequests::quote),
            hook("LIEN", Effect.WRITE, "hold a starting job's price on its account",
                    Shape.result(join(JOB_KEY, new String[] {"user", "account?"}, JOB, JOB_TIMES, JOB_ARRAY)),
                    HookRequests::lien),
            hook("CHARGE", Effect.WRITE, "charge an ended job what it used and release its lien",
                    Shape.result(join(JOB_KEY, new String[] {"user", "account?", "elapsed_s:int", "cpu_s?:int",
                        "exit_code?:int", "state?"}, JOB, JOB_TIMES, JOB_ARRAY)), HookRequests::charge),
            hook("MODIFY", Effect.WRITE, "re-price a running job's lien after its time limit changed",
                    Shape.result("cluster", "job_id:int", "time_limit_s:int"), HookRequests::modify),
            hook("REQUOTE", Effect.READ, "check a pending job's new account, partition or QOS, as at submit",
                    Shape.result("cluster", "job_id:int", "uid?:int", "account?", "partition?", "qos?"),
                    HookRequests::requote),

            read("ping", anyone(""), "is allocd up", null, null, Shape.object(in()), (a, c, r) -> Replies.ok()),
            read("whoami", anyone(""), "who allocd thinks you are, and whether you are an admin", "whoami", "/v1/me",
                    Shape.object(in(), "user", "admin:bool"),
                    (a, c, r) -> Replies.ok().put("user", c.user()).put("admin", c.admin())),
            read("operations", anyone(""), "the admin operations, who may call each, and whether you may",
                    "show operations", "/v1/operations", Shape.rows(), Operations::answer),
            read("balance", member("account", "reading the balance of %s"),
                    "one account's figures, own and subtree, and its forecast (docs/numbers.md)", null, "/v1/balance",
                    Shape.object(in("account"), "account", "parent", "state", "description", "organization",
                            "own:object", "subtree:object", "forecast:object", "members:objects"),
                    (a, c, r) -> a.reports().balanceOf(c, Fields.text(r, "account"))),
            read("portal", self("user", admin("a portal login link for another user")),
                    "a one-time link to the web portal, valid 60 s", "portal", null, Shape.object(in("user?"), "url"),
                    (a, c, r) -> Replies.ok().put("url", a.portalLinks().linkFor(
                            r.hasNonNull("user") ? Fields.text(r, "user") : c.user()))),
            read("rates", anyone(""), "the rate versions of each cluster: since and until when, and what each charges",
                    "show rates", null, Shape.rows(), (a, c, r) -> RateRequests.versions(a.ledger())),
            read("statistics", admin("the bank's statistics"),
                    "how many accounts, users and jobs; SU charged and deposited per day; who was charged most",
                    "show statistics", "/v1/statistics", Shape.object(in("days?:int"), "accounts:int", "users:int",
                            "jobs:int", "from_ms:int", "to_ms:int", "rows:objects", "charged_micro_su:int",
                            "deposited_micro_su:int", "top_accounts:objects", "top_users:objects"),
                    (a, c, r) -> a.statistics().answer(r)),
            read("health", admin("the bank's health"), "open liens past their time, jobs held for funds, whether"
                    + " Slurm answers, hook events waiting in the spool, the last lien reconcile, the last verify and"
                    + " its result", "show health", null,
                    Shape.object(in(), "slurm_reachable:bool", "held_for_funds:int", "slurm_note",
                            "open_liens_past_time:int", "open_liens_past_time_more:bool", "spool:object",
                            "last_reconcile:object", "last_verify:object"),
                    (a, c, r) -> a.health().answer()),
            read("verify", admin("verify"), "check the ledger's invariants and hash chain", "verify", null,
                    Shape.object(in(), "clean:bool", "journal_entries:int", "accounts:int", "allocations:int",
                            "jobs:int", "problem_count:int", "problems:strings"),
                    (a, c, r) -> a.views().verify()),
            read("backup", admin("backup"), "write a consistent copy of the database to a file", "backup", null,
                    Shape.object(in("file"), "file"), (a, c, r) -> a.views().backup(r)),
            read("quote", self("user", admin("a quote for another user")),
                    "what a job would cost and whether it could run now, priced as the submit hook prices it",
                    "quote", null, Shape.object(in(join(new String[] {"user?", "account?"}, JOB)), QUOTE_ANSWER),
                    (a, c, r) -> a.views().quote(c, r)),
            read("accounts", anyone(ROWS), "accounts", "show account", null, Shape.rows("account?"),
                    (a, c, r) -> a.reports().accounts(c, r)),
            read("users", anyone(ROWS), "users", "show user", null, Shape.rows(), (a, c, r) -> a.reports().users(c)),
            read("memberships", anyone(ROWS), "memberships", "show membership", null, Shape.rows("account?", "user?"),
                    (a, c, r) -> a.reports().memberships(c, r)),
            read("allocations", anyone(ROWS), "allocations", "show allocation", null, Shape.rows("account?"),
                    (a, c, r) -> a.reports().allocations(c, r)),
            read("balances", anyone(ROWS), "balances: own and subtree figures and the forecast", "balance",
                    "/v1/accounts", Shape.rows("account?"), (a, c, r) -> a.reports().balances(c, r)),
            read("jobcharge", member("account", "charges of %s"), "an account's charges by user", "jobcharge",
                    "/v1/charges", new Shape(in(join(new String[] {"account"}, PERIOD)),
                            fields("rows:objects", "truncated:bool", "account", "from_ms:int", "to_ms:int")),
                    (a, c, r) -> a.reports().jobcharge(c, r)),
            read("project_summary", self("user", admin("the project summary of another user")),
                    "your project summary, as NCSA's accounts prints it", "accounts", null,
                    new Shape(in("user?"), fields("rows:objects", "truncated:bool", "user")),
                    (a, c, r) -> a.reports().projectSummary(c, r)),
            read("jobs", anyone(ROWS), "jobs, with those Slurm holds pending; a page at a time with limit and cursor",
                    "show jobs", "/v1/jobs", new Shape(in(join(new String[] {"account?", "user?", "state?"}, PERIOD,
                            PAGE)), PAGE_ANSWER),
                    (a, c, r) -> a.reports().jobs(c, r)),
            read("charges", member("account", "charges of %s"), "an account's charges by meter", "charges", null,
                    Shape.rows(join(new String[] {"account"}, PERIOD)), (a, c, r) -> a.reports().charges(c, r)),
            read("statement", coordinator("account", "a statement of %s"), "an account's statement from its journal",
                    "statement", "/v1/statement",
                    Shape.object(in(join(new String[] {"account", "month?"}, PERIOD, new String[] {"own?"})),
                            "account", "scope", "from_ms:int", "to_ms:int", "balance_micro_su:int", "accounts:objects"),
                    (a, c, r) -> a.reports().statement(r)),
            read("transactions", named("account", admin("the whole journal (name an account with account=)"),
                    coordinator("account", "the transactions of %s")),
                    "journal lines, oldest first; a page at a time with limit and cursor", "transactions", null,
                    new Shape(in(join(new String[] {"account?", "kind?", "user?"}, PERIOD, PAGE)), PAGE_ANSWER),
                    (a, c, r) -> a.reports().transactions(r, null)),
            read("money_by_day", named("account", admin("the whole bank's days (name an account with account=)"),
                    coordinator("account", "the days of %s")),
                    "SU charged (net of refunds) and deposited on each of the last days (UTC), of an account and its"
                    + " subtree or of the whole bank", "show days", "/v1/money_by_day",
                    Shape.object(in("account?", "days?:int"), "account", "from_ms:int", "to_ms:int", "rows:objects",
                            "charged_micro_su:int", "deposited_micro_su:int"),
                    (a, c, r) -> a.moneyByDay().answer(r)),
            read("payments", named("account", admin("the whole journal (name an account with account=)"),
                    coordinator("account", "the transactions of %s")),
                    "deposits (the payment history); a page at a time with limit and cursor", "payments", null,
                    new Shape(in(join(new String[] {"account?", "user?"}, PERIOD, PAGE)), PAGE_ANSWER),
                    (a, c, r) -> a.reports().payments(r)),
            read("grants", named("account", admin("the grants of every account (name one with account=)"),
                    member("account", "the grants of %s")), "recurring grants", "show grant", null,
                    Shape.rows("account?"), (a, c, r) -> a.cycles().grants(r)),
            read("alert_thresholds", named("account",
                    admin("the alert thresholds of every account (name one with account=)"),
                    member("account", "the alert thresholds of %s")), "alert thresholds", "show alerts", null,
                    Shape.rows("account?"), (a, c, r) -> a.cycles().alertThresholds(r)),
            read("notify_settings", self("user", admin("the alert mail settings of another user")),
                    "a user's alert mail: on or off, and their own thresholds", "show notify", null,
                    Shape.rows("user?"),
                    (a, c, r) -> a.cycles().notifySettings(c, r)),
            read("bill", coordinator("account", "the bill of %s"), "the month's bill of an account and its subtree",
                    "bill", "/v1/bill", Shape.object(in("account", "month"), "account", "month", "total:object",
                            "accounts:objects", "users:objects", "lines:objects"),
                    (a, c, r) -> a.billing().bill(r)),
            read("billing_rules", named("account",
                    admin("the billing rules of every account (name one with account=)"),
                    coordinator("account", "the billing rules of %s")), "billing rules", "show billing", null,
                    Shape.rows("account?"), (a, c, r) -> a.billing().rules(r)),

            write("create_account", named("parent", admin("creating a top-level account"),
                    coordinator("parent", "creating an account under %s")), "create an account", "add account",
                    "/v1/accounts/create", Shape.result("name", "parent?", "description?", "organization?",
                            "credit_limit_micro_su?:int"),
                    (a, r, key, actor) -> AdminWrites.createAccount(r, key, actor)),
            write("modify_account", admin("modifying an account"), "change an account's description or credit limit",
                    "modify account", "/v1/accounts/modify", Shape.result("name", "description?", "organization?",
                            "credit_limit_micro_su?:int"),
                    (a, r, key, actor) -> AdminWrites.modifyAccount(r, key, actor)),
            write("set_account_state", admin("changing an account's state"),
                    "make an account active, frozen or closed", "delete account", "/v1/accounts/state",
                    Shape.result("name", "state"), (a, r, key, actor) -> AdminWrites.setAccountState(r, key, actor)),
            write("move_account", admin("moving an account"), "put an account (and its subtree) under another"
                    + " parent, or at the top level without one", "modify account", null,
                    Shape.result("name", "parent?"), (a, r, key, actor) -> AdminWrites.moveAccount(r, key, actor)),
            write("add_user", admin("adding a user"), "make a unix user known to the bank", "add user",
                    "/v1/users/add", Shape.result("name", "uid?:int", "default_account?"),
                    (a, r, key, actor) -> AdminWrites.addUser(r, key, actor)),
            write("set_default_account", self("user", coordinator("account", "setting another user's default account")),
                    "set a user's default account", "modify user", "/v1/users/default-account",
                    Shape.result("user", "account"), (a, r, key, actor) -> AdminWrites.setDefaultAccount(r, key, actor)),
            write("add_membership", coordinator("account", "adding a member to %s"),
                    "make a user a member or coordinator of an account, or change the role or limit",
                    "add membership", "/v1/memberships/add", Shape.result("user", "account", "role?",
                            "limit_micro_su?:int"),
                    (a, r, key, actor) -> AdminWrites.addMembership(r, key, actor)),
            write("remove_membership", coordinator("account", "removing a member from %s"),
                    "remove a user from an account", "delete membership", "/v1/memberships/remove",
                    Shape.result("user", "account"), (a, r, key, actor) -> AdminWrites.removeMembership(r, key, actor)),
            write("set_member_blocked", coordinator("account", "blocking a member of %s"),
                    "block a member from charging an account, or unblock them", "modify membership", null,
                    Shape.result("user", "account", "blocked:bool"),
                    (a, r, key, actor) -> AdminWrites.setMemberBlocked(r, key, actor)),
            write("deposit", admin("a deposit"), "put money into an account as an allocation", "deposit",
                    "/v1/deposit", Shape.result("account", "amount_micro_su:int", "starts_at_ms?:int",
                            "ends_at_ms?:int", "note?"),
                    (a, r, key, actor) -> AdminWrites.deposit(r, key, actor)),
            write("withdraw", admin("a withdrawal"), "take money out of an account", "withdraw", "/v1/withdraw",
                    Shape.result("account", "amount_micro_su:int", "note?"),
                    (a, r, key, actor) -> AdminWrites.withdraw(r, key, actor)),
            write("transfer", both(coordinator("from", "a transfer from %s"), coordinator("to", "a transfer to %s")),
                    "move money between accounts", "transfer", "/v1/transfer",
                    Shape.result("from", "to", "amount_micro_su:int", "note?"),
                    (a, r, key, actor) -> AdminWrites.transfer(r, key, actor)),
            write("adjust", admin("an adjustment"), "correct an account's balance by a signed amount", "adjust",
                    "/v1/adjust", Shape.result("account", "amount_micro_su:int", "note?", "force?:bool"),
                    (a, r, key, actor) -> AdminWrites.adjust(r, key, actor)),
            write("refund", admin("a refund"), "give back a job's charge, all of it or an amount", "refund",
                    "/v1/refund", Shape.result("job", "amount_micro_su?:int", "note?"),
                    (a, r, key, actor) -> AdminWrites.refund(a.reports().jobKey(Fields.text(r, "job")), r, key, actor)),
            write("release_lien", admin("releasing a lien"), "release a job's open lien without charging it", null,
                    null, Shape.result("job", "note?"), (a, r, key, actor) -> AdminWrites.releaseLien(r, key, actor)),
            write("add_grant", admin("a recurring grant"), "add a grant deposited every period", "add grant", null,
                    Shape.result("account", "amount_micro_su:int", "period", "starts_at_ms:int", "ends_at_ms?:int",
                            "carryover?", "zone?", "note?"),
                    (a, r, key, actor) -> CycleRequests.addGrant(r, key, actor)),
            write("delete_grant", admin("deleting a grant"), "stop a recurring grant", "delete grant", null,
                    Shape.result("id:int", "note?"), (a, r, key, actor) -> CycleRequests.deleteGrant(r, key, actor)),
            write("set_alert_thresholds", coordinator("account", "the alert thresholds of %s"),
                    "set the usage percentages an account is alerted at", "modify account", null,
                    Shape.result("account", "percents:ints"),
                    (a, r, key, actor) -> CycleRequests.setAlertThresholds(r, key, actor)),
            write("set_notify", self("user", admin("the alert mail settings of another user")),
                    "turn a user's alert mail on or off, or set their own thresholds", "notify", null,
                    Shape.result("user?", "mail?", "percents?"),
                    (a, r, key, actor) -> CycleRequests.setNotify(r, key, actor)),
            write("set_fallback", admin("setting a fallback account"),
                    "set or clear the account that pays when an account cannot", "modify account", null,
                    Shape.result("account", "fallback?", "qos?"),
                    (a, r, key, actor) -> BillingRequests.setFallback(r, key, actor)),
            write("set_billing_rule", admin("changing billing rules"), "add or replace a billing rule",
                    "add billing", null, Shape.result("account", "name", "kind", "amount_micro_su?:int",
                            "rate_ppm?:int"),
                    (a, r, key, actor) -> BillingRequests.setBillingRule(r, key, actor)),
            write("remove_billing_rule", admin("changing billing rules"), "remove a billing rule", "delete billing",
                    null, Shape.result("account", "name"),
                    (a, r, key, actor) -> BillingRequests.removeBillingRule(r, key, actor)),
            write("close_month", admin("closing a month"), "book a month's billing rules", "close-month", null,
                    Shape.result("month", "account?", "rule?"),
                    (a, r, key, actor) -> BillingRequests.closeMonth(r, key, actor)),
            write("import_storage", admin("importing storage"), "charge filesets' storage for a month",
                    "import storage", null, Shape.result("month", "uses:objects"),
                    (a, r, key, actor) -> a.billing().importStorage(r, key, actor)));

    private static final Map<String, Op> HOOK_OPS = byName(Door.HOOK);
    private static final Map<String, Op> ADMIN_OPS = byName(Door.ADMIN);

    private Registry() {}

    public static List<Op> all() {
        return ALL;
    }

    public static Optional<Op> find(Door door, String name) {
        return Optional.ofNullable((door == Door.HOOK ? HOOK_OPS : ADMIN_OPS).get(name));
    }

    /** The op names of a door: the values its requests' metrics label may take besides "other". */
    public static Set<String> names(Door door) {
        return ALL.stream().filter(op -> op.door() == door).map(Op::name).collect(Collectors.toUnmodifiableSet());
    }

    /** The op a request names on this door, or a bad request that lists the door's ops. */
    static Op of(Door door, ObjectNode request) {
        String name = Fields.text(request, "op");
        return find(door, name).orElseThrow(() -> new BadRequest("unknown op '" + name + "'; "
                + (door == Door.HOOK ? "the hook socket takes PING, QUOTE, LIEN, CHARGE, MODIFY and REQUOTE"
                        : "see docs/protocol.md for the admin ops")));
    }

    private static Map<String, Op> byName(Door door) {
        Map<String, Op> ops = new LinkedHashMap<>();
        for (Op op : ALL) {
            if (op.door() == door && ops.put(op.name(), op) != null) {
                throw new IllegalStateException("op " + op.name() + " is registered twice");
            }
        }
        return Map.copyOf(ops);
    }

    private static Op hook(String name, Effect effect, String summary, Shape shape, Op.Hook handler) {
        return new Op(name, Door.HOOK, effect, anyone(HOOK_PEERS), summary, null, null, shape, handler);
    }

    /** httpPath: answered to GET, the request's fields in the query (docs/http-api.md). */
    private static Op read(String name, Rule rule, String summary, String verb, String httpPath, Shape shape,
            Op.Read handler) {
        return new Op(name, Door.ADMIN, Effect.READ, rule, summary, verb, httpPath, shape, handler);
    }

    /** httpPath: answered to POST, the request's fields in the JSON body, keyed by Idempotency-Key. */
    private static Op write(String name, Rule rule, String summary, String verb, String httpPath, Shape shape,
            Op.Write handler) {
        return new Op(name, Door.ADMIN, Effect.WRITE, rule, summary, verb, httpPath, shape, handler);
    }

    private static String[] join(String[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
