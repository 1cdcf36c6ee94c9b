package org.allocd.daemon;

import java.util.concurrent.atomic.AtomicReference;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerStats;
import org.allocd.ledger.MicroSu;
import org.allocd.metrics.Counter;
import org.allocd.metrics.Histogram;
import org.allocd.metrics.MetricsRegistry;
import org.allocd.store.Database;

/**
 * What /metrics shows beyond HTTP: socket requests by op and outcome with
 * latency, open liens and SU charged, and the store's commits. Ledger totals
 * come from a snapshot refreshed off the scrape path, so a scrape never
 * waits on the database.
 */
final class DaemonMetrics {
    private static final double[] LATENCY_SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
        0.05, 0.1, 0.25, 0.5, 1, 2.5};

    final MetricsRegistry registry = new MetricsRegistry();
    final Counter requests = registry.counter("allocd_requests_total", "Socket requests by socket, op and outcome",
            "socket", "op", "outcome");
    final Histogram requestSeconds = registry.histogram("allocd_request_seconds",
            "Time from a socket request to its answer", LATENCY_SECONDS, "socket", "op");
    private final AtomicReference<LedgerStats> stats = new AtomicReference<>(new LedgerStats(0, 0, 0));

    DaemonMetrics(Database database) {
        registry.gauge("allocd_liens_open", "Open liens (running jobs)", () -> stats.get().openLiens());
        registry.gauge("allocd_liened_su", "SU held by open liens",
                () -> (double) stats.get().openLienMicroSu() / MicroSu.PER_SU);
        registry.gauge("allocd_charged_su", "SU charged to jobs, less refunds, since the ledger began",
                () -> (double) stats.get().chargedMicroSu() / MicroSu.PER_SU);
        registry.counter("allocd_store_batches_committed_total", "Group commits of the ledger writer",
                () -> database.writerStats().batchesCommitted());
        registry.counter("allocd_store_batches_failed_total", "Group commits that failed (nothing of them was written)",
                () -> database.writerStats().batchesFailed());
        registry.gauge("allocd_store_commit_seconds_last", "Duration of the last group commit",
                () -> database.writerStats().lastCommitNanos() / 1e9);
        registry.gauge("allocd_store_commit_seconds_max", "Longest group commit since start",
                () -> database.writerStats().maxCommitNanos() / 1e9);
    }

    /** Called by housekeeping; a failed read keeps the last snapshot. */
    void refresh(Ledger ledger) {
        stats.set(ledger.stats());
    }
}
