package org.allocd.daemon;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.allocd.access.Access;
import org.allocd.access.UnixUsers;
import org.allocd.alert.Alerts;
import org.allocd.charge.ChargeCalculator;
import org.allocd.config.ConfigReloader;
import org.allocd.config.HttpListen;
import org.allocd.config.RestartConfig;
import org.allocd.config.ShortFundsMode;
import org.allocd.fallback.FallbackAccounts;
import org.allocd.http.ApiKeys;
import org.allocd.http.ApiKeysException;
import org.allocd.http.HttpApiServer;
import org.allocd.jobs.JobAccounting;
import org.allocd.ledger.Ledger;
import org.allocd.protocol.AdminRequests;
import org.allocd.protocol.HealthSources;
import org.allocd.protocol.HookRequests;
import org.allocd.protocol.PortalLinks;
import org.allocd.protocol.Op.Door;
import org.allocd.protocol.Registry;
import org.allocd.portal.LoginLinks;
import org.allocd.portal.Portal;
import org.allocd.rates.RateBook;
import org.allocd.server.EventLoops;
import org.allocd.server.MeteredHandler;
import org.allocd.server.PeerPolicy;
import org.allocd.server.SocketConfig;
import org.allocd.server.UnixSocketServer;
import org.allocd.ood.BalanceFileWriter;
import org.allocd.remote.RemoteDoor;
import org.allocd.slurm.LienReconciler;
import org.allocd.slurm.ReservationCharger;
import org.allocd.slurm.ShimLoader;
import org.allocd.slurm.ShortFunds;
import org.allocd.slurm.SlurmShim;
import org.allocd.spool.SpoolReplayer;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.StoreLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running allocd: ledger, hook and admin sockets, housekeeping. Built
 * whole or not at all; close() stops accepting, lets in-flight requests
 * finish, commits and closes the ledger.
 */
public final class Daemon implements AutoCloseable {
    /** The ledger's database as allocd.conf names it. */
    static StoreLocation storeLocation(RestartConfig restart) {
        return restart.postgresql()
                .<StoreLocation>map(pg -> new StoreLocation.Postgresql(pg.url(), pg.login().user(), pg.login().password()))
                .orElseGet(() -> new StoreLocation.SqliteFile(restart.databaseFile()));
    }

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** The hooks send one small job each; 16 KiB is far above any real request. */
    static final int HOOK_MAX_PAYLOAD_BYTES = 16 * 1024;
    static final int ADMIN_MAX_PAYLOAD_BYTES = 1024 * 1024;
    private static final int WORK_THREADS = 4;
    private static final int WORK_QUEUE = 1024;
    private static final long HOUSEKEEPING_SECONDS = 60;
    private static final long DRAIN_MILLIS = 5_000;
    private static final long METRICS_SECONDS = 10;
    private static final long SPOOL_REPLAY_SECONDS = 30;
    private static final long SHORT_FUNDS_SWEEP_SECONDS = 30;
    /** In state_dir: the last verify's time and result, which the health view shows after a restart too. */
    static final String LAST_VERIFY_FILE = "last-verify.json";

    private final SqlLedgerStore store;
    private final Ledger ledger;
    private final ThreadPoolExecutor work;
    private final ScheduledExecutorService housekeeping;
    /** Alert commands run here, never on the writer or housekeeping thread: a hanging one delays only alerts. */
    private final ScheduledExecutorService alertThread;
    private final Housekeeping housekeepingRun;
    private final Alerts alerts;
    private final EventLoopGroup loops;
    private final UnixSocketServer hookServer;
    private final UnixSocketServer adminServer;
    private final HttpApiServer httpServer;
    /** Open OnDemand's balance file (ood_balance_file), or null when off. */
    private final BalanceFileWriter oodBalances;
    /** The MUNGE-authenticated TCP door (admin_listen), or null when off. */
    private final RemoteDoor remoteServer;
    private final ShortFunds shortFunds;
    private final ShimLoader shims;

    private Daemon(ConfigReloader config, Clock clock, Deque<AutoCloseable> opened) throws IOException {
        RestartConfig restart = config.restart();
        store = opened(opened, SqlLedgerStore.open(storeLocation(restart)));
        ledger = new Ledger(store, clock, new FallbackAccounts());
        RateBook rates = RateBook.open(ledger, restart.clusterName(), config.current().chargeRates());
        config.afterReload(() -> rates.adopt(config.current().chargeRates()));
        Supplier<ChargeCalculator> prices = rates::calculator;
        JobAccounting jobs = new JobAccounting(ledger, rates,
                () -> config.current().lienGraceSeconds(),
                () -> config.current().shortFundsMode() == ShortFundsMode.HOLD);
        work = new ThreadPoolExecutor(WORK_THREADS, WORK_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(WORK_QUEUE), Threads.named("allocd-work"), new ThreadPoolExecutor.AbortPolicy());
        opened.push(work::shutdownNow);
        housekeeping = Executors.newSingleThreadScheduledExecutor(Threads.named("allocd-housekeeping"));
        opened.push(housekeeping::shutdownNow);
        alertThread = Executors.newSingleThreadScheduledExecutor(Threads.named("allocd-alerts"));
        opened.push(alertThread::shutdownNow);
        loops = EventLoops.epoll(2);
        opened.push(() -> EventLoops.shutdown(loops, DRAIN_MILLIS));
        UnixUsers users = new UnixUsers();
        Access access = new Access(ledger, () -> config.current().admins(), users);
        DaemonMetrics metrics = new DaemonMetrics(store.database());
        HookRequests hooks = new HookRequests(jobs, restart.clusterName(), work,
                () -> config.current().chargeRates().nodeClasses(), users);
        shims = opened(opened, new ShimLoader(SlurmShim.configuredPath(), restart.slurm()));
        shortFunds = opened(opened, new ShortFunds(ledger, () -> config.current().shortFundsMode(),
                () -> config.current().qosBillingPerUnit(), prices, shims,
                restart.slurm(), clock));
        ledger.onFundsMoved(shortFunds::fundsMoved);
        jobs.onPendingChanged((account, jobId) -> shortFunds.pendingChanged(jobId, account));
        config.afterReload(shortFunds::sweep); // a switch of short_funds_mode takes effect at once
        oodBalances = restart.reach().oodBalanceFile().map(file -> opened(opened, BalanceFileWriter.start(ledger, file)))
                .orElse(null);
        LoginLinks portalLinks = restart.httpListen().map(listen -> new LoginLinks(portalUrl(restart), clock))
                .orElse(null);
        LienReconciler liens = new LienReconciler(ledger, jobs, restart.clusterName(), shims, restart.slurm(), clock,
                () -> config.current().lienGraceSeconds());
        AdminRequests admin = new AdminRequests(ledger, jobs, access, work,
                () -> config.current().alerts().forecastDays(), new ShimQueue(restart.clusterName(), shims::loaded),
                () -> config.current().storageRateMicroSu(), portalLinks == null ? PortalLinks.OFF : portalLinks,
                new HealthSources(restart.spoolDir(), liens::lastRun, restart.stateDir().resolve(LAST_VERIFY_FILE)));
        hookServer = opened(opened, UnixSocketServer.start(hookSocket(restart), new MeteredHandler(
                hooks, Door.HOOK.label(), Registry.names(Door.HOOK), metrics.requests, metrics.requestSeconds), loops));
        adminServer = opened(opened, UnixSocketServer.start(
                SocketConfig.builder("admin", restart.adminSocket(), ADMIN_MAX_PAYLOAD_BYTES).fileMode("rw-rw-rw-")
                        .peerPolicy(PeerPolicy.anyone()).drainTimeoutMillis(DRAIN_MILLIS).build(),
                new MeteredHandler(admin::handle, Door.ADMIN.label(), Registry.names(Door.ADMIN),
                        metrics.requests, metrics.requestSeconds),
                loops));
        remoteServer = restart.reach().adminListen().isEmpty() ? null : opened(opened, RemoteDoor.start(restart.reach(),
                new MeteredHandler(admin::handle, "remote", Registry.names(Door.ADMIN), metrics.requests,
                        metrics.requestSeconds),
                ADMIN_MAX_PAYLOAD_BYTES, DRAIN_MILLIS));
        Portal portal = portalLinks == null ? null
                : opened(opened, new Portal(admin, access, restart.reach().portal(), portalLinks, clock));
        httpServer = restart.httpListen().isEmpty() ? null : opened(opened, startHttp(config, admin, access, metrics,
                clock, portal));
        housekeeping.scheduleWithFixedDelay(() -> metrics.refresh(ledger), 0, METRICS_SECONDS, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(new SpoolReplayer(restart.spoolDir(), hooks), 0,
                SPOOL_REPLAY_SECONDS, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(shortFunds::sweep, 0, SHORT_FUNDS_SWEEP_SECONDS, TimeUnit.SECONDS);
        ReservationCharger reservations = new ReservationCharger(ledger, prices, restart.slurm(), clock);
        // Off unless the site asks: turning allocd on must not start billing reservations that already exist.
        housekeepingRun = new Housekeeping(ledger, clock, liens::reconcile, () -> {
            if (config.current().chargeReservations()) {
                reservations.run();
            }
        });
        housekeeping.scheduleWithFixedDelay(housekeepingRun, HOUSEKEEPING_SECONDS, HOUSEKEEPING_SECONDS,
                TimeUnit.SECONDS);
        alerts = new Alerts(ledger, () -> config.current().alerts());
        alertThread.scheduleWithFixedDelay(alerts, HOUSEKEEPING_SECONDS, HOUSEKEEPING_SECONDS, TimeUnit.SECONDS);
    }

    private static <T extends AutoCloseable> T opened(Deque<AutoCloseable> opened, T part) {
        opened.push(part);
        return part;
    }

    /** Starts everything or, when a part fails, closes what was started and rethrows. */
    public static Daemon start(ConfigReloader config, Clock clock) throws IOException {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            return new Daemon(config, clock, opened);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable part : opened) {
                try {
                    part.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /** The portal's address in login links: portal_url, else http_listen's (a wildcard host as localhost). */
    private static String portalUrl(RestartConfig restart) {
        return restart.reach().portal().url().orElseGet(() -> {
            HttpListen listen = restart.httpListen().orElseThrow();
            String host = listen.host().equals("*") ? "localhost"
                    : listen.host().contains(":") ? "[" + listen.host() + "]" : listen.host();
            return "http://" + host + ":" + listen.port() + "/";
        });
    }

    private HttpApiServer startHttp(ConfigReloader config, AdminRequests admin, Access access, DaemonMetrics metrics,
            Clock clock, Portal portal) throws IOException {
        RestartConfig restart = config.restart();
        ApiKeys keys;
        try {
            keys = ApiKeys.load(restart.apiKeysFile().orElseThrow());
        } catch (ApiKeysException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        // SIGHUP re-reads the keys too; a bad file keeps the keys in use.
        config.afterReload(() -> {
            try {
                keys.reload();
            } catch (ApiKeysException e) {
                log.error("API keys reload refused, keeping the old keys: {}", e.getMessage());
            }
        });
        return HttpApi.start(restart.httpListen().orElseThrow(), keys, admin, access, metrics, work, clock, portal);
    }

    /** Only root and SlurmUser may talk to the hook socket. */
    private static SocketConfig hookSocket(RestartConfig restart) {
        Set<Integer> uids = new HashSet<>(Set.of(0));
        Optional<Integer> slurmUid = UnixUsers.uid(restart.slurmUser());
        slurmUid.ifPresentOrElse(uids::add, () -> log.warn("slurm_user '{}' does not exist here; only root may use"
                + " the hook socket", restart.slurmUser()));
        SocketConfig.Builder builder = SocketConfig.builder("hook", restart.hookSocket(), HOOK_MAX_PAYLOAD_BYTES)
                .fileMode("rw-rw----").drainTimeoutMillis(DRAIN_MILLIS)
                .peerPolicy(PeerPolicy.onlyUids("hook", uids, "root and SlurmUser '" + restart.slurmUser() + "'"));
        restart.socketGroup().ifPresent(builder::group);
        return builder.build();
    }

    /**
     * One housekeeping run and then one alerts run, now, each on its own
     * thread, waiting for both: tests drive cycles and alerts with a clock
     * they move instead of waiting a minute.
     */
    public void housekeepNow() {
        try {
            housekeeping.submit(housekeepingRun).get();
            alertThread.submit(alerts).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("housekeeping failed: " + e.getCause(), e.getCause());
        }
    }

    public Ledger ledger() {
        return ledger;
    }

    /** The HTTP API's port, when it is on (tests bind port 0). */
    public Optional<Integer> httpPort() {
        return Optional.ofNullable(httpServer).map(HttpApiServer::port);
    }

    /** The TCP door's port, when it is on. */
    public Optional<Integer> remotePort() {
        return Optional.ofNullable(remoteServer).map(RemoteDoor::port);
    }

    @Override
    public void close() {
        hookServer.close();
        adminServer.close();
        if (remoteServer != null) {
            remoteServer.close();
        }
        if (httpServer != null) {
            httpServer.close();
        }
        housekeeping.shutdownNow();
        alertThread.shutdownNow();
        if (oodBalances != null) {
            oodBalances.close();
        }
        shortFunds.close();
        shims.close();
        work.shutdown();
        try {
            if (!work.awaitTermination(DRAIN_MILLIS, TimeUnit.MILLISECONDS)) {
                log.warn("requests still running after {} ms at stop", DRAIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        EventLoops.shutdown(loops, DRAIN_MILLIS);
        store.close();
    }
}
