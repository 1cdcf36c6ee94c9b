package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.allocd.access.Access;
import org.allocd.server.Peer;
import org.allocd.server.RequestHandler;
import org.allocd.access.Caller;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.Balance;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Role;
import org.allocd.ledger.VerifyReport;

/**
 * The admin protocol (docs/protocol.md) behind allocmgr. The caller is the
 * peer's uid as the kernel reports it; every permission is decided here.
 */
public final class AdminRequests implements RequestHandler {
    private static final long MAX_MS = 253_402_300_800_000L; // year 10000

    private final Ledger ledger;
    private final JobAccounting jobs;
    private final Access access;
    private final Executor work;
    private final ReportRequests reports;
    private final CycleRequests cycles;
    private final BillingRequests billing;

    /**
     * work runs requests off the event loop: access checks and reads block on the database.
     * forecastDays: the days of charges the balance view's burn-rate forecast looks at.
     * slurm: where 'show jobs' finds the jobs Slurm holds pending.
     * storageRateMicroSu: SU per GB-month (in micro-SU) that storage imports are priced at, read at each import.
     */
    public AdminRequests(Ledger ledger, JobAccounting jobs, Access access, Executor work, LongSupplier forecastDays,
            SlurmQueue slurm, LongSupplier storageRateMicroSu) {
        this.ledger = ledger;
        this.jobs = jobs;
        this.access = access;
        this.work = work;
        this.reports = new ReportRequests(ledger, access, forecastDays, jobs, slurm);
        this.cycles = new CycleRequests(ledger, access);
        this.billing = new BillingRequests(ledger, access, storageRateMicroSu);
    }

    @Override
    public CompletableFuture<ObjectNode> handle(Peer peer, ObjectNode request) {
        return handle(() -> access.byUid(peer.uid()), request);
    }

    /** The same requests from a caller identified another way (an HTTP API key). */
    public CompletableFuture<ObjectNode> handle(Supplier<Caller> caller, ObjectNode request) {
        return CompletableFuture.supplyAsync(caller, work)
                .thenCompose(c -> dispatch(c, request))
                .handle((answer, failure) -> failure == null ? answer : Replies.failure(failure));
    }

    private CompletableFuture<ObjectNode> dispatch(Caller caller, ObjectNode r) {
        String op = Fields.text(r, "op");
        return switch (op) {
            case "ping" -> done(Replies.ok());
            case "whoami" -> done(Replies.ok().put("user", caller.user()).put("admin", caller.admin()));
            case "balance" -> done(balance(caller, r));
            case "verify" -> done(verify(caller));
            case "backup" -> done(backup(caller, r));
            // What a job would cost and whether it could run, priced as the submit hook prices it.
            case "quote" -> done(HookRequests.quote(jobs, quoteUser(caller, r), r));
            case "accounts", "users", "memberships", "allocations", "balances", "jobcharge", "jobs", "charges",
                    "statement", "transactions", "payments", "project_summary" -> CompletableFuture.supplyAsync(() -> reports.answer(caller, op, r), work);
            case "grants", "alert_thresholds" -> CompletableFuture.supplyAsync(() -> cycles.answer(caller, op, r), work);
            case "bill", "billing_rules" -> CompletableFuture.supplyAsync(() -> billing.answer(caller, op, r), work);
            default -> write(caller, r, op);
        };
    }

    private CompletableFuture<ObjectNode> write(Caller caller, ObjectNode r, String op) {
        Operation operation = BillingRequests.WRITES.contains(op)
                ? billing.operation(caller, r, op, key(r), caller.user())
                : operation(caller, r, op, key(r), caller.user());
        return ledger.submit(operation).thenApply(Replies::of);
    }

    /** Builds the ledger operation after checking the caller may ask for it. */
    private Operation operation(Caller c, ObjectNode r, String op, String key, String actor) {
        Operation cycle = cycles.operation(c, r, op, key, actor);
        if (cycle != null) {
            return cycle;
        }
        switch (op) {
            case "create_account" -> {
                String parent = Fields.optionalText(r, "parent");
                if (parent == null) {
                    access.requireAdmin(c, "creating a top-level account");
                } else {
                    access.requireCoordinator(c, parent, "creating an account under " + parent);
                }
                return new Operation.CreateAccount(key, actor, Fields.text(r, "name"), parent,
                        Fields.optionalText(r, "description"), Fields.optionalText(r, "organization"),
                        Fields.optionalNumber(r, "credit_limit_micro_su", 0, 0, MicroSu.MAX_AMOUNT));
            }
            case "modify_account" -> {
                access.requireAdmin(c, "modifying an account");
                return new Operation.ModifyAccount(key, actor, Fields.text(r, "name"),
                        Fields.optionalText(r, "description"), Fields.optionalText(r, "organization"),
                        Fields.nullableNumber(r, "credit_limit_micro_su", 0, MicroSu.MAX_AMOUNT));
            }
            case "set_account_state" -> {
                access.requireAdmin(c, "changing an account's state");
                return new Operation.SetAccountState(key, actor, Fields.text(r, "name"),
                        AccountState.parse(Fields.text(r, "state")));
            }
            case "add_user" -> {
                access.requireAdmin(c, "adding a user");
                Long uid = Fields.nullableNumber(r, "uid", 0, Integer.MAX_VALUE);
                return new Operation.AddUser(key, actor, Fields.text(r, "name"), uid == null ? null : uid.intValue(),
                        Fields.optionalText(r, "default_account"));
            }
            case "set_default_account" -> {
                String user = Fields.text(r, "user");
                String account = Fields.text(r, "account");
                if (!user.equals(c.user())) {
                    access.requireCoordinator(c, account, "setting another user's default account");
                }
                return new Operation.SetDefaultAccount(key, actor, user, account);
            }
            case "add_membership" -> {
                String account = Fields.text(r, "account");
                access.requireCoordinator(c, account, "adding a member to " + account);
                String role = Fields.optionalText(r, "role");
                return new Operation.AddMembership(key, actor, Fields.text(r, "user"), account,
                        role == null ? Role.MEMBER : Role.parse(role),
                        Fields.nullableNumber(r, "limit_micro_su", 0, MicroSu.MAX_AMOUNT));
            }
            case "remove_membership" -> {
                String account = Fields.text(r, "account");
                access.requireCoordinator(c, account, "removing a member from " + account);
                return new Operation.RemoveMembership(key, actor, Fields.text(r, "user"), account);
            }
            case "deposit" -> {
                access.requireAdmin(c, "a deposit");
                return new Operation.Deposit(key, actor, Fields.text(r, "account"), amount(r),
                        Fields.nullableNumber(r, "starts_at_ms", 0, MAX_MS),
                        Fields.nullableNumber(r, "ends_at_ms", 0, MAX_MS), Fields.optionalText(r, "note"));
            }
            case "withdraw" -> {
                access.requireAdmin(c, "a withdrawal");
                return new Operation.Withdraw(key, actor, Fields.text(r, "account"), amount(r),
                        Fields.optionalText(r, "note"));
            }
            case "transfer" -> {
                String from = Fields.text(r, "from");
                String to = Fields.text(r, "to");
                access.requireCoordinator(c, from, "a transfer from " + from);
                access.requireCoordinator(c, to, "a transfer to " + to);
                return new Operation.Transfer(key, actor, from, to, amount(r), Fields.optionalText(r, "note"));
            }
            case "adjust" -> {
                access.requireAdmin(c, "an adjustment");
                return new Operation.Adjust(key, actor, Fields.text(r, "account"),
                        Fields.number(r, "amount_micro_su", -MicroSu.MAX_AMOUNT, MicroSu.MAX_AMOUNT),
                        Fields.optionalText(r, "note"));
            }
            case "refund" -> {
                access.requireAdmin(c, "a refund");
                return new Operation.Refund(key, actor, reports.jobKey(Fields.text(r, "job")),
                        Fields.optionalNumber(r, "amount_micro_su", 0, 0, MicroSu.MAX_AMOUNT),
                        Fields.optionalText(r, "note"));
            }
            case "release_lien" -> {
                access.requireAdmin(c, "releasing a lien");
                return new Operation.ReleaseLien(key, actor, Fields.text(r, "job"), Fields.optionalText(r, "note"));
            }
            default -> throw new BadRequest("unknown op '" + op + "'; see docs/protocol.md for the admin ops");
        }
    }

    private static long amount(ObjectNode r) {
        return Fields.number(r, "amount_micro_su", 1, MicroSu.MAX_AMOUNT);
    }

    /** The client's idempotency key; without one the request is applied once as sent. */
    private static String key(ObjectNode r) {
        String key = Fields.optionalText(r, "key");
        return key != null ? key : "admin:" + UUID.randomUUID();
    }

    /** Anyone may price their own job; pricing another user's needs the admin role. */
    private String quoteUser(Caller caller, ObjectNode r) {
        String user = Fields.optionalText(r, "user");
        if (user != null && !user.equals(caller.user())) {
            access.requireAdmin(caller, "a quote for another user");
        }
        return user == null ? caller.user() : user;
    }

    private ObjectNode balance(Caller caller, ObjectNode r) {
        String account = Fields.text(r, "account");
        access.requireReader(caller, account, "reading the balance of " + account);
        Balance b = ledger.balance(account);
        return Replies.ok().put("account", b.account()).put("state", b.state().sqlName())
                .put("balance_micro_su", b.balanceMicroSu()).put("liened_micro_su", b.lienedMicroSu())
                .put("credit_limit_micro_su", b.creditLimitMicroSu()).put("available_micro_su", b.availableMicroSu());
    }

    private ObjectNode verify(Caller caller) {
        access.requireAdmin(caller, "verify");
        VerifyReport report = ledger.verify();
        ObjectNode answer = Replies.ok().put("clean", report.clean()).put("journal_entries", report.journalEntries())
                .put("accounts", report.accounts()).put("allocations", report.allocations()).put("jobs", report.jobs())
                .put("problem_count", report.problemCount());
        report.problems().forEach(answer.putArray("problems")::add);
        return answer;
    }

    private ObjectNode backup(Caller caller, ObjectNode r) {
        access.requireAdmin(caller, "backup");
        Path file = Path.of(Fields.text(r, "file"));
        if (!file.isAbsolute()) {
            throw new BadRequest("backup file must be an absolute path, got " + file);
        }
        ledger.backupTo(file);
        return Replies.ok().put("file", file.toString());
    }

    private static CompletableFuture<ObjectNode> done(ObjectNode answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
