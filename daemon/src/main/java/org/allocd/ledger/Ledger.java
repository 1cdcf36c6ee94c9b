package org.allocd.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank: applies operations idempotently through the store's single
 * writer, answers balance and funds questions, verifies itself. Nothing
 * else writes balances.
 */
public final class Ledger {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    private final LedgerStore store;
    private final Clock clock;
    private final CoveringAccounts covering;
    private final List<Consumer<FundsMoved>> fundsListeners = new CopyOnWriteArrayList<>();

    /** A ledger where no account covers another's jobs. */
    public Ledger(LedgerStore store, Clock clock) {
        this(store, clock, CoveringAccounts.NONE);
    }

    public Ledger(LedgerStore store, Clock clock, CoveringAccounts covering) {
        this.store = store;
        this.clock = clock;
        this.covering = covering;
    }

    /**
     * Tells listener about every move of an account's available money, once the
     * operation is durable (never for a replay). It is called on the store's
     * writer thread, so it must only hand the news over (e.g. queue it) and return.
     */
    public void onFundsMoved(Consumer<FundsMoved> listener) {
        fundsListeners.add(listener);
    }

    /** Applies the operation; the future fails with a LedgerException when it was refused. */
    public CompletableFuture<OpResult> submit(Operation op) {
        // Hashed on the caller's thread: the one writer thread should do only what must be done in order.
        String fingerprint = Fingerprint.of(op);
        return announced(op, store.write(tx -> apply(tx, op, fingerprint)));
    }

    /**
     * As submit, for an operation priced at op.rateVersion() on the word that its job is new to the bank or was
     * priced at that version (its lien's). The write checks that in its own transaction, before anything else, so
     * the caller needs no read of its own; when the job was priced at another version it writes nothing and fails
     * with {@link PricedAtOtherRates}, and the caller prices the operation again at that version.
     */
    public CompletableFuture<OpResult> submitPriced(Operation.Priced op) {
        String fingerprint = Fingerprint.of(op);
        return announced(op, store.writeForJob(op.opKey(), op.jobKey(), tx -> {
            int recorded = tx.job(op.jobKey()).map(job -> tx.jobRateVersion(op.jobKey()).orElse(0))
                    .orElse(op.rateVersion());
            if (recorded != op.rateVersion()) {
                throw new PricedAtOtherRates(op.jobKey(), recorded);
            }
            return apply(tx, op, fingerprint);
        }));
    }

    /** A job's operation was priced at other rates than the job's own (see submitPriced); nothing was written. */
    public static final class PricedAtOtherRates extends RuntimeException {
        private final int rateVersion;

        PricedAtOtherRates(String jobKey, int rateVersion) {
            super("job " + jobKey + " is priced at rates version " + rateVersion, null, false, false);
            this.rateVersion = rateVersion;
        }

        /** The version the job is priced at (0: recorded before rates were versioned). */
        public int rateVersion() {
            return rateVersion;
        }
    }

    private CompletableFuture<OpResult> announced(Operation op, CompletableFuture<Applied> written) {
        return written.thenApply(this::announce).whenComplete((result, failure) -> logOutcome(op, result, failure));
    }

    private OpResult announce(Applied applied) {
        for (FundsMoved move : applied.moves()) {
            for (Consumer<FundsMoved> listener : fundsListeners) {
                try {
                    listener.accept(move);
                } catch (RuntimeException e) {
                    log.error("funds listener failed on {}", move, e);
                }
            }
        }
        return applied.result();
    }

    /** An operation's answer and what it did to available money. */
    private record Applied(OpResult result, List<FundsMoved> moves) {}

    /** submit() and wait: for callers that are not on an event loop. */
    public OpResult apply(Operation op) {
        try {
            return submit(op).join();
        } catch (CompletionException e) {
            if (unwrap(e) instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Applied apply(LedgerTx tx, Operation op, String fingerprint) {
        Checks.key("operation key", op.opKey());
        Checks.key("actor", op.actor());
        var stored = tx.operation(op.opKey());
        if (stored.isPresent()) {
            if (!Fingerprint.sameRequest(stored.get().fingerprint(), fingerprint, op)) {
                throw new LedgerException(Refusal.KEY_REUSED, "operation key '" + op.opKey()
                        + "' was already used for a different request; use a new key");
            }
            return new Applied(stored.get().result().asReplay(), List.of());
        }
        Posting p = new Posting(tx, op, clock.millis(), covering);
        OpResult result = dispatch(p, op);
        tx.recordOperation(op.opKey(), fingerprint, result, p.nowMillis);
        return new Applied(result, p.movement.moves());
    }

    // Java 17 has no pattern switch; the sealed interface keeps this list complete.
    private static OpResult dispatch(Posting p, Operation op) {
        if (op instanceof Operation.CreateAccount o) return AccountBook.create(p, o);
        if (op instanceof Operation.ModifyAccount o) return AccountBook.modify(p, o);
        if (op instanceof Operation.SetAccountState o) return AccountBook.setState(p, o);
        if (op instanceof Operation.MoveAccount o) return AccountBook.move(p, o);
        if (op instanceof Operation.AddUser o) return AccountBook.addUser(p, o);
        if (op instanceof Operation.SetDefaultAccount o) return AccountBook.setDefaultAccount(p, o);
        if (op instanceof Operation.AddMembership o) return AccountBook.addMembership(p, o);
        if (op instanceof Operation.RemoveMembership o) return AccountBook.removeMembership(p, o);
        if (op instanceof Operation.SetMemberBlocked o) return AccountBook.setMemberBlocked(p, o);
        if (op instanceof Operation.Deposit o) return MoneyBook.deposit(p, o);
        if (op instanceof Operation.Withdraw o) return MoneyBook.withdraw(p, o);
        if (op instanceof Operation.Transfer o) return MoneyBook.transfer(p, o);
        if (op instanceof Operation.Adjust o) return MoneyBook.adjust(p, o);
        if (op instanceof Operation.ExpireAllocations o) return MoneyBook.expireAllocations(p, o);
        if (op instanceof Operation.PlaceLien o) return LienBook.place(p, o);
        if (op instanceof Operation.AdjustLien o) return LienBook.adjust(p, o);
        if (op instanceof Operation.ChargeJob o) return LienBook.charge(p, o);
        if (op instanceof Operation.ReleaseLien o) return LienBook.release(p, o);
        if (op instanceof Operation.Refund o) return LienBook.refund(p, o);
        if (op instanceof Operation.ExpireLiens o) return LienBook.expire(p, o);
        if (op instanceof Operation.Feature o) return o.applyTo(p);
        throw new IllegalStateException("no book for " + op.getClass().getSimpleName());
    }

    private static void logOutcome(Operation op, OpResult result, Throwable failure) {
        if (result != null) {
            if (result.replayed()) {
                log.debug("replayed key={} actor={}: {}", op.opKey(), op.actor(), result.detail());
            } else {
                log.info("{} key={} actor={}", result.detail(), op.opKey(), op.actor());
            }
        } else if (unwrap(failure) instanceof PricedAtOtherRates other) {
            log.debug("to price again key={}: {}", op.opKey(), other.getMessage());
        } else if (unwrap(failure) instanceof LedgerException refused) {
            log.info("refused key={} actor={}: {}", op.opKey(), op.actor(), refused.getMessage());
        } else {
            log.warn("failed key={} actor={}: {}", op.opKey(), op.actor(), failure.toString());
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    public Balance balance(String accountName) {
        return store.read(view -> {
            Account a = Lookup.account(view, accountName);
            long now = clock.millis();
            long active = Funds.activeBalance(view, a.id(), now);
            return new Balance(a.name(), a.state(), active, a.lienedMicroSu(), a.creditLimitMicroSu(),
                    active - a.lienedMicroSu() + a.creditLimitMicroSu());
        });
    }

    /** The open lien of any run of a job, what that run asked for and when it started. */
    public Optional<OpenLien> openLienOf(String jobKeyPrefix) {
        return store.read(view -> view.openLienOf(jobKeyPrefix)
                .map(job -> new OpenLien(job, view.jobRequest(job.jobKey()).orElse(null),
                        view.jobRecord(job.jobKey()).map(JobRecord::times).orElse(JobTimes.NONE))));
    }

    /** A running job's lien with the request it was priced from (null when not recorded) and its run's times. */
    public record OpenLien(Job job, String request, JobTimes times) {}

    /** The account a user's jobs go to when they name none; refuses when the user has none. */
    public String defaultAccount(String userName) {
        return store.read(view -> defaultAccount(view, userName).name());
    }

    private static Account defaultAccount(FundsView view, String userName) {
        User user = Lookup.user(view, userName);
        return Optional.ofNullable(user.defaultAccountId()).flatMap(view::accountById).orElseThrow(() ->
                new LedgerException(Refusal.UNKNOWN_ACCOUNT, "no account given and user '" + userName
                        + "' has no default account; submit with --account=NAME"));
    }

    /**
     * The strongest role a user holds over an account: coordinator of it or of
     * any account above it, else member of it, else none.
     */
    public Optional<Role> authority(String userName, String accountName) {
        return store.read(view -> {
            Optional<User> user = view.user(userName);
            Account account = Lookup.account(view, accountName);
            if (user.isEmpty()) {
                return Optional.empty();
            }
            Optional<Role> own = view.membership(user.get().id(), account.id()).map(Membership::role);
            for (Account a = account; a != null; a = a.parentId() == null ? null
                    : view.accountById(a.parentId()).orElse(null)) {
                Optional<Membership> m = view.membership(user.get().id(), a.id());
                if (m.isPresent() && m.get().role() == Role.COORDINATOR) {
                    return Optional.of(Role.COORDINATOR);
                }
            }
            return own;
        });
    }

    /**
     * Can the user's job of this cost run on the account (null: the user's
     * default account)? Refuses (throws) when it never could for a reason
     * other than money: unknown account or user, not a member, frozen or
     * closed account.
     */
    public FundsCheck checkFunds(String accountName, String userName, long amountMicroSu) {
        Checks.notNegative("job cost", amountMicroSu);
        long nowMillis = clock.millis();
        return store.readFunds(view -> checkFunds(view, accountName, userName, amountMicroSu, nowMillis));
    }

    /**
     * checkFunds from the rows the store keeps in memory, without waiting for
     * the database (a submit must not queue behind a read): empty when a row it
     * needs is not there, and then checkFunds gives the answer.
     */
    public Optional<FundsCheck> checkFundsInMemory(String accountName, String userName, long amountMicroSu) {
        Checks.notNegative("job cost", amountMicroSu);
        long nowMillis = clock.millis();
        return store.fundsInMemory(view -> checkFunds(view, accountName, userName, amountMicroSu, nowMillis));
    }

    private static FundsCheck checkFunds(FundsView view, String accountName, String userName, long amountMicroSu,
            long nowMillis) {
        Account a = FundsRule.takingJobs(accountName == null ? defaultAccount(view, userName)
                : Lookup.account(view, accountName));
        User user = Lookup.user(view, userName);
        return FundsRule.check(view, a, Lookup.membership(view, user, a), user.name(), amountMicroSu, nowMillis);
    }

    /** The ledger's time: the clock the daemon was started with (tests move it by hand). */
    public long nowMillis() {
        return clock.millis();
    }

    public LedgerStats stats() {
        return store.read(LedgerView::stats);
    }

    public VerifyReport verify() {
        return store.read(view -> new Verifier(view).run());
    }

    public void backupTo(Path file) {
        store.backupTo(file);
    }

    /** A consistent read of the store, for reports; the work must not write. */
    public <R> R read(Function<LedgerView, R> work) {
        return store.read(work);
    }
}
