package org.allocd.slurm;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allocd.ledger.FundsCheck;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Short funds without slurmdbd: releases the jobs allocd held
 * (AdminComment "QOSGrpBillingMinutes: ...") once their account can pay.
 * Runs on one thread only (see {@link ShortFunds}).
 */
final class HoldReleaser {
    private static final Logger log = LoggerFactory.getLogger(HoldReleaser.class);

    private final SlurmShim shim;
    private final Ledger ledger;
    /**
     * Released jobs that still pend: their lien is placed only when they start,
     * so until then their cost is counted here, else the next round would
     * spend the same money again. Job id -> (account, cost).
     */
    private final Map<Long, Promised> promised = new HashMap<>();

    private record Promised(String account, long amountMicroSu) {}

    HoldReleaser(SlurmShim shim, Ledger ledger) {
        this.shim = shim;
        this.ledger = ledger;
    }

    /** Releases what the account can now pay for. */
    void reconcile(String account) throws SlurmException {
        reconcile(account, shim.pendingJobs(account));
    }

    /** Every account that has a job held by allocd. */
    void reconcileAll() throws SlurmException {
        Map<String, List<PendingJob>> byAccount = new LinkedHashMap<>();
        for (PendingJob job : shim.pendingJobs(null)) {
            byAccount.computeIfAbsent(job.account(), a -> new java.util.ArrayList<>()).add(job);
        }
        Set<Long> stillPending = new HashSet<>();
        byAccount.values().forEach(jobs -> jobs.forEach(j -> stillPending.add(j.jobId())));
        promised.keySet().retainAll(stillPending);
        for (Map.Entry<String, List<PendingJob>> e : byAccount.entrySet()) {
            if (e.getValue().stream().anyMatch(PendingJob::heldByAllocd)) {
                reconcile(e.getKey(), e.getValue());
            }
        }
    }

    private void reconcile(String account, List<PendingJob> pending) throws SlurmException {
        long committed = 0;
        Set<Long> pendingIds = new HashSet<>();
        for (PendingJob job : pending) {
            pendingIds.add(job.jobId());
            Promised p = promised.get(job.jobId());
            if (p != null && !job.heldByAllocd()) {
                committed = Math.addExact(committed, p.amountMicroSu());
            }
        }
        promised.entrySet().removeIf(e -> e.getValue().account().equalsIgnoreCase(account)
                && !pendingIds.contains(e.getKey()));
        for (ReleaseSelection.Candidate c : ReleaseSelection.select(pending, committed,
                (user, total) -> fits(account, user, total))) {
            shim.release(c.job().jobId(), "");
            promised.put(c.job().jobId(), new Promised(account, c.neededMicroSu()));
            log.info("released job {} of account {}: it needs {} SU and the account can now pay", c.job().jobId(),
                    account, MicroSu.format(c.neededMicroSu()));
        }
    }

    private boolean fits(String account, String user, long totalMicroSu) {
        try {
            return ledger.checkFunds(account, user, totalMicroSu).verdict() == FundsCheck.Verdict.FITS;
        } catch (LedgerException e) {
            // Frozen account, removed member...: the job stays held, an admin decides.
            log.info("job of user {} on account {} stays held: {}", user, account, e.getMessage());
            return false;
        }
    }
}
