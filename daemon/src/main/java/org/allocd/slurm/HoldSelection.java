package org.allocd.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of an account's pending jobs its money no longer pays for. Jobs are
 * taken in submit order with a running total, as {@link ReleaseSelection}
 * releases them, so a hold and a release never disagree about the same money:
 * the jobs that fit are kept (their total is what the release of held jobs
 * must leave room for), the rest are held. Jobs already held (by allocd, a
 * user or an admin) are neither counted nor touched.
 */
public final class HoldSelection {
    /** A pending job and what it would cost at its time limit. */
    public record Priced(PendingJob job, long costMicroSu) {}

    /** @param keptMicroSu the total cost of the pending jobs left free to start */
    public record Plan(List<Priced> toHold, long keptMicroSu) {}

    private HoldSelection() {}

    public static Plan select(List<Priced> pendingInSubmitOrder, ReleaseSelection.FundsProbe probe) {
        List<Priced> toHold = new ArrayList<>();
        long kept = 0;
        for (Priced p : pendingInSubmitOrder) {
            if (p.job().priority() == 0) {
                continue;
            }
            long withThis = Math.addExact(kept, p.costMicroSu());
            if (probe.fits(p.job().user(), withThis)) {
                kept = withThis;
            } else {
                toHold.add(p);
            }
        }
        return new Plan(toHold, kept);
    }
}
