package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.allocd.access.Access;
import org.allocd.access.Caller;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Ledger;
import org.allocd.protocol.Op.Door;
import org.allocd.server.Peer;
import org.allocd.server.RequestHandler;

/**
 * The admin protocol (docs/protocol.md) behind allocmgr and the HTTP API: finds the request's op in
 * the Registry, applies its rule to the caller, then runs its handler. Every door calls
 * {@link #handle(Supplier, ObjectNode)} with the caller it proved.
 */
public final class AdminRequests implements RequestHandler {
    private final Ledger ledger;
    private final Access access;
    private final Executor work;
    private final AdminViews views;
    private final ReportRequests reports;
    private final CycleRequests cycles;
    private final BillingRequests billing;
    private final PortalLinks portalLinks;
    private final AdminStatistics statistics;
    private final MoneyByDay moneyByDay;
    private final OperationsHealth health;

    /**
     * work runs requests off the event loop: access checks and reads block on the database.
     * forecastDays: the days of charges the balance view's burn-rate forecast looks at.
     * slurm: where 'show jobs' finds the jobs Slurm holds pending.
     * storageRateMicroSu: SU per GB-month (in micro-SU) that storage imports are priced at, read at each import.
     * portalLinks: the web portal's login links ('allocmgr portal'); PortalLinks.OFF when it is not served.
     * healthSources: the spool, the lien reconciler and the last verify's file, for the health view.
     */
    public AdminRequests(Ledger ledger, JobAccounting jobs, Access access, Executor work, LongSupplier forecastDays,
            SlurmQueue slurm, LongSupplier storageRateMicroSu, PortalLinks portalLinks, HealthSources healthSources) {
        this.portalLinks = portalLinks;
        this.ledger = ledger;
        this.access = access;
        this.work = work;
        this.health = new OperationsHealth(ledger, slurm, healthSources);
        this.views = new AdminViews(ledger, jobs, health);
        this.reports = new ReportRequests(ledger, access, forecastDays, jobs, slurm);
        this.cycles = new CycleRequests(ledger);
        this.billing = new BillingRequests(ledger, storageRateMicroSu);
        this.statistics = new AdminStatistics(ledger);
        this.moneyByDay = new MoneyByDay(ledger);
    }

    /** The admin socket: the caller is the peer's uid as the kernel reports it. */
    @Override
    public CompletableFuture<ObjectNode> handle(Peer peer, ObjectNode request) {
        return handle(() -> access.byUid(peer.uid()), request);
    }

    /**
     * The one entry of every admin door: the caller as the door proved it (peer uid, API key, ...),
     * resolved on a work thread because naming a uid may ask the site's directory.
     */
    public CompletableFuture<ObjectNode> handle(Supplier<Caller> caller, ObjectNode request) {
        return handle(caller, null, request);
    }

    /**
     * The same for a caller that a service acts for (an API key allowed to act as other users): the
     * caller's rules apply, and the journal records both, as actor "SERVICE as CALLER". actedBy null: none.
     */
    public CompletableFuture<ObjectNode> handle(Supplier<Caller> caller, String actedBy, ObjectNode request) {
        // Resolved and dispatched in one task, so neither ever runs on the door's network thread.
        return CompletableFuture.supplyAsync(() -> dispatch(caller.get(), actedBy, request), work)
                .thenCompose(answer -> answer)
                .handle((answer, failure) -> failure == null ? answer : Replies.failure(failure));
    }

    private CompletableFuture<ObjectNode> dispatch(Caller caller, String actedBy, ObjectNode request) {
        Op op = Registry.of(Door.ADMIN, request);
        op.rule().check(access, caller, request);
        if (op.handler() instanceof Op.Write write) {
            String actor = actedBy == null ? caller.user() : actedBy + " as " + caller.user();
            return ledger.submit(write.operation(this, request, key(request), actor)).thenApply(Replies::of);
        }
        return CompletableFuture.completedFuture(((Op.Read) op.handler()).answer(this, caller, request));
    }

    /** The client's idempotency key; without one the request is applied once as sent. */
    private static String key(ObjectNode r) {
        String key = Fields.optionalText(r, "key");
        return key != null ? key : "admin:" + UUID.randomUUID();
    }

    Ledger ledger() {
        return ledger;
    }

    AdminViews views() {
        return views;
    }

    ReportRequests reports() {
        return reports;
    }

    CycleRequests cycles() {
        return cycles;
    }

    BillingRequests billing() {
        return billing;
    }

    PortalLinks portalLinks() {
        return portalLinks;
    }

    AdminStatistics statistics() {
        return statistics;
    }

    MoneyByDay moneyByDay() {
        return moneyByDay;
    }

    OperationsHealth health() {
        return health;
    }
}
