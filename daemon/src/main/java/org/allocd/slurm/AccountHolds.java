package org.allocd.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.allocd.charge.ChargeCalculator;
import org.allocd.ledger.FundsCheck;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.MicroSu;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Short funds through libslurm: keeps an account's pending jobs in step with
 * its money. In hold mode a pending job the money no longer covers is held
 * with AdminComment "QOSGrpBillingMinutes: ..." (hold pass); in either mode a
 * job allocd held is released once the money covers it (release pass). Runs on
 * one thread only (see {@link ShortFunds}).
 */
final class AccountHolds {
    private static final Logger log = LoggerFactory.getLogger(AccountHolds.class);
    /** One libslurm call each: bounds one account's turn; the rest wait for the next round. */
    static final int MAX_HOLDS = 256;

    private final SlurmShim shim;
    private final Ledger ledger;
    private final Supplier<ChargeCalculator> prices;

    AccountHolds(SlurmShim shim, Ledger ledger, Supplier<ChargeCalculator> prices) {
        this.shim = shim;
        this.ledger = ledger;
        this.prices = prices;
    }

    /** The pending jobs of one account, or of every account (null), oldest first. */
    List<PendingRequest> pending(String account) throws SlurmException {
        return shim.pendingRequests(account);
    }

    /**
     * Holds what the account can no longer pay for (when holdShort) and
     * releases what it now can; pending is the account's pending jobs, oldest
     * first. At most MAX_HOLDS per call; returns true when more are left to
     * hold (the caller comes back to the account).
     */
    boolean reconcile(String account, List<PendingRequest> pending, boolean holdShort) throws SlurmException {
        List<HoldSelection.Priced> priced = new ArrayList<>();
        List<PendingJob> jobs = new ArrayList<>();
        ChargeCalculator calculator = prices.get();
        for (PendingRequest p : pending) {
            jobs.add(p.job());
            try {
                priced.add(new HoldSelection.Priced(p.job(), calculator.quote(p.request()).amountMicroSu()));
            } catch (IllegalArgumentException | ArithmeticException e) {
                log.info("job {} of account {} cannot be priced and is left as it is: {}", p.job().jobId(), account,
                        e.getMessage());
            }
        }
        // A job refused for a reason other than money (frozen account, removed member) is the prolog's to refuse.
        HoldSelection.Plan plan = HoldSelection.select(priced, (user, total) -> {
            FundsCheck.Verdict v = verdict(account, user, total);
            return v == null || v == FundsCheck.Verdict.FITS;
        });
        List<HoldSelection.Priced> toHold = holdShort ? plan.toHold() : List.of();
        if (!toHold.isEmpty()) {
            long availableMicroSu = ledger.balance(account).availableMicroSu();
            toHold.stream().limit(MAX_HOLDS).forEach(p -> hold(account, p, availableMicroSu));
        }
        // Held jobs stay held for any refusal: an admin decides.
        for (ReleaseSelection.Candidate c : ReleaseSelection.select(jobs, plan.keptMicroSu(),
                (user, total) -> verdict(account, user, total) == FundsCheck.Verdict.FITS)) {
            shim.release(c.job().jobId(), "");
            log.info("released job {} of account {}: it needs {} SU and the account can now pay", c.job().jobId(),
                    account, MicroSu.format(c.neededMicroSu()));
        }
        return toHold.size() > MAX_HOLDS;
    }

    private void hold(String account, HoldSelection.Priced p, long availableMicroSu) {
        long jobId = p.job().jobId();
        try {
            shim.hold(jobId, HoldNote.text(account, p.costMicroSu(), availableMicroSu));
            log.info("held job {} of account {}: it needs {} SU and the account has {} SU left for it", jobId,
                    account, MicroSu.format(p.costMicroSu()), MicroSu.format(availableMicroSu));
        } catch (SlurmException e) {
            // Typically it started or ended between the listing and the hold; the next round looks again.
            log.info("could not hold job {} of account {}: {}", jobId, account, e.getMessage());
        }
    }

    /** FITS or SHORT_NOW..., or null when the ledger refuses the job for another reason (frozen, not a member). */
    private FundsCheck.Verdict verdict(String account, String user, long totalMicroSu) {
        try {
            return ledger.checkFunds(account, user, totalMicroSu).verdict();
        } catch (LedgerException e) {
            log.debug("job of user {} on account {}: {}", user, account, e.getMessage());
            return null;
        }
    }
}
