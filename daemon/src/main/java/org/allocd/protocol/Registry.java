package org.allocd.protocol;

import static org.allocd.protocol.Rule.admin;
import static org.allocd.protocol.Rule.both;
import static org.allocd.protocol.Rule.anyone;
import static org.allocd.protocol.Rule.coordinator;
import static org.allocd.protocol.Rule.member;
import static org.allocd.protocol.Rule.named;
import static org.allocd.protocol.Rule.self;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private static final List<Op> ALL = List.of(
            hook("PING", Effect.READ, "is allocd up: answers with the cluster it serves", HookRequests::ping),
            hook("QUOTE", Effect.READ, "price a job at submit and say whether it may run", HookRequests::quote),
            hook("LIEN", Effect.WRITE, "hold a starting job's price on its account", HookRequests::lien),
            hook("CHARGE", Effect.WRITE, "charge an ended job what it used and release its lien",
                    HookRequests::charge),
            hook("MODIFY", Effect.WRITE, "re-price a running job's lien after its time limit changed",
                    HookRequests::modify),

            read("ping", anyone(""), "is allocd up", null, null, (a, c, r) -> Replies.ok()),
            read("whoami", anyone(""), "who allocd thinks you are, and whether you are an admin", "whoami", "/v1/me",
                    (a, c, r) -> Replies.ok().put("user", c.user()).put("admin", c.admin())),
            read("operations", anyone(""), "the admin operations, who may call each, and whether you may",
                    "show operations", "/v1/operations", Operations::answer),
            read("balance", member("account", "reading the balance of %s"),
                    "one account's figures, own and subtree, and its forecast (docs/numbers.md)", null, "/v1/balance",
                    (a, c, r) -> a.reports().balanceOf(Fields.text(r, "account"))),
            read("rates", anyone(""), "the rate versions of each cluster: since and until when, and what each charges",
                    "show rates", null, (a, c, r) -> RateRequests.versions(a.ledger())),
            read("verify", admin("verify"), "check the ledger's invariants and hash chain", "verify", null,
                    (a, c, r) -> a.views().verify()),
            read("backup", admin("backup"), "write a consistent copy of the database to a file", "backup", null,
                    (a, c, r) -> a.views().backup(r)),
            read("quote", self("user", admin("a quote for another user")),
                    "what a job would cost and whether it could run now, priced as the submit hook prices it",
                    "quote", null, (a, c, r) -> a.views().quote(c, r)),
            read("accounts", anyone(ROWS), "accounts", "show account", null, (a, c, r) -> a.reports().accounts(c, r)),
            read("users", anyone(ROWS), "users", "show user", null, (a, c, r) -> a.reports().users(c)),
            read("memberships", anyone(ROWS), "memberships", "show membership", null,
                    (a, c, r) -> a.reports().memberships(c, r)),
            read("allocations", anyone(ROWS), "allocations", "show allocation", null,
                    (a, c, r) -> a.reports().allocations(c, r)),
            read("balances", anyone(ROWS), "balances: own and subtree figures and the forecast", "balance",
                    "/v1/accounts", (a, c, r) -> a.reports().balances(c, r)),
            read("jobcharge", member("account", "charges of %s"), "an account's charges by user", "jobcharge",
                    "/v1/charges", (a, c, r) -> a.reports().jobcharge(c, r)),
            read("project_summary", self("user", admin("the project summary of another user")),
                    "your project summary, as NCSA's accounts prints it", "accounts", null,
                    (a, c, r) -> a.reports().projectSummary(c, r)),
            read("jobs", anyone(ROWS), "jobs, with those Slurm holds pending", "show jobs", "/v1/jobs",
                    (a, c, r) -> a.reports().jobs(c, r)),
            read("charges", member("account", "charges of %s"), "an account's charges by meter", "charges", null,
                    (a, c, r) -> a.reports().charges(c, r)),
            read("statement", coordinator("account", "a statement of %s"), "an account's statement from its journal",
                    "statement", "/v1/statement", (a, c, r) -> a.reports().statement(r)),
            read("transactions", named("account", admin("the whole journal (name an account with account=)"),
                    coordinator("account", "the transactions of %s")), "journal lines", "transactions", null,
                    (a, c, r) -> a.reports().transactions(r, null)),
            read("payments", named("account", admin("the whole journal (name an account with account=)"),
                    coordinator("account", "the transactions of %s")), "deposits (the payment history)",
                    "payments", null, (a, c, r) -> a.reports().payments(r)),
            read("grants", named("account", admin("the grants of every account (name one with account=)"),
                    member("account", "the grants of %s")), "recurring grants", "show grant", null,
                    (a, c, r) -> a.cycles().grants(r)),
            read("alert_thresholds", named("account",
                    admin("the alert thresholds of every account (name one with account=)"),
                    member("account", "the alert thresholds of %s")), "alert thresholds", "show alerts", null,
                    (a, c, r) -> a.cycles().alertThresholds(r)),
            read("bill", coordinator("account", "the bill of %s"), "the month's bill of an account and its subtree",
                    "bill", "/v1/bill", (a, c, r) -> a.billing().bill(r)),
            read("billing_rules", named("account",
                    admin("the billing rules of every account (name one with account=)"),
                    coordinator("account", "the billing rules of %s")), "billing rules", "show billing", null,
                    (a, c, r) -> a.billing().rules(r)),

            write("create_account", named("parent", admin("creating a top-level account"),
                    coordinator("parent", "creating an account under %s")), "create an account", "add account",
                    (a, r, key, actor) -> AdminWrites.createAccount(r, key, actor)),
            write("modify_account", admin("modifying an account"), "change an account's description or credit limit",
                    "modify account", (a, r, key, actor) -> AdminWrites.modifyAccount(r, key, actor)),
            write("set_account_state", admin("changing an account's state"),
                    "make an account active, frozen or closed", "delete account",
                    (a, r, key, actor) -> AdminWrites.setAccountState(r, key, actor)),
            write("add_user", admin("adding a user"), "make a unix user known to the bank", "add user",
                    (a, r, key, actor) -> AdminWrites.addUser(r, key, actor)),
            write("set_default_account", self("user", coordinator("account", "setting another user's default account")),
                    "set a user's default account", "modify user",
                    (a, r, key, actor) -> AdminWrites.setDefaultAccount(r, key, actor)),
            write("add_membership", coordinator("account", "adding a member to %s"),
                    "make a user a member or coordinator of an account, or change the role or limit",
                    "add membership", (a, r, key, actor) -> AdminWrites.addMembership(r, key, actor)),
            write("remove_membership", coordinator("account", "removing a member from %s"),
                    "remove a user from an account", "delete membership",
                    (a, r, key, actor) -> AdminWrites.removeMembership(r, key, actor)),
            write("deposit", admin("a deposit"), "put money into an account as an allocation", "deposit",
                    (a, r, key, actor) -> AdminWrites.deposit(r, key, actor)),
            write("withdraw", admin("a withdrawal"), "take money out of an account", "withdraw",
                    (a, r, key, actor) -> AdminWrites.withdraw(r, key, actor)),
            write("transfer", both(coordinator("from", "a transfer from %s"), coordinator("to", "a transfer to %s")),
                    "move money between accounts", "transfer",
                    (a, r, key, actor) -> AdminWrites.transfer(r, key, actor)),
            write("adjust", admin("an adjustment"), "correct an account's balance by a signed amount", "adjust",
                    (a, r, key, actor) -> AdminWrites.adjust(r, key, actor)),
            write("refund", admin("a refund"), "give back a job's charge, all of it or an amount", "refund",
                    (a, r, key, actor) -> AdminWrites.refund(a.reports().jobKey(Fields.text(r, "job")), r, key, actor)),
            write("release_lien", admin("releasing a lien"), "release a job's open lien without charging it", null,
                    (a, r, key, actor) -> AdminWrites.releaseLien(r, key, actor)),
            write("add_grant", admin("a recurring grant"), "add a grant deposited every period", "add grant",
                    (a, r, key, actor) -> CycleRequests.addGrant(r, key, actor)),
            write("delete_grant", admin("deleting a grant"), "stop a recurring grant", "delete grant",
                    (a, r, key, actor) -> CycleRequests.deleteGrant(r, key, actor)),
            write("set_alert_thresholds", coordinator("account", "the alert thresholds of %s"),
                    "set the usage percentages an account is alerted at", "modify account",
                    (a, r, key, actor) -> CycleRequests.setAlertThresholds(r, key, actor)),
            write("set_fallback", admin("setting a fallback account"),
                    "set or clear the account that pays when an account cannot", "modify account",
                    (a, r, key, actor) -> BillingRequests.setFallback(r, key, actor)),
            write("set_billing_rule", admin("changing billing rules"), "add or replace a billing rule",
                    "add billing", (a, r, key, actor) -> BillingRequests.setBillingRule(r, key, actor)),
            write("remove_billing_rule", admin("changing billing rules"), "remove a billing rule", "delete billing",
                    (a, r, key, actor) -> BillingRequests.removeBillingRule(r, key, actor)),
            write("close_month", admin("closing a month"), "book a month's billing rules", "close-month",
                    (a, r, key, actor) -> BillingRequests.closeMonth(r, key, actor)),
            write("import_storage", admin("importing storage"), "charge filesets' storage for a month",
                    "import storage", (a, r, key, actor) -> a.billing().importStorage(r, key, actor)));

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
                + (door == Door.HOOK ? "the hook socket takes PING, QUOTE, LIEN, CHARGE and MODIFY"
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

    private static Op hook(String name, Effect effect, String summary, Op.Hook handler) {
        return new Op(name, Door.HOOK, effect, anyone(HOOK_PEERS), summary, null, null, handler);
    }

    private static Op read(String name, Rule rule, String summary, String verb, String httpPath, Op.Read handler) {
        return new Op(name, Door.ADMIN, Effect.READ, rule, summary, verb, httpPath, handler);
    }

    private static Op write(String name, Rule rule, String summary, String verb, Op.Write handler) {
        return new Op(name, Door.ADMIN, Effect.WRITE, rule, summary, verb, null, handler);
    }
}
