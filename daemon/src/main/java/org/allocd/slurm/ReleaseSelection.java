package org.allocd.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Which of an account's held jobs the money now pays for. Jobs are taken in
 * submit order and each one is checked together with every job released
 * before it (a running total), so two jobs that together exceed the money are
 * never both released. A job that does not fit is skipped, not a barrier: a
 * smaller later job may still start, as Slurm's own QOS limit would allow.
 */
public final class ReleaseSelection {
    /** Asks the ledger whether the account can pay totalMicroSu for jobs of this user. */
    @FunctionalInterface
    public interface FundsProbe {
        boolean fits(String user, long totalMicroSu);
    }

    /** A held job and the cost its hold note names. */
    public record Candidate(PendingJob job, long neededMicroSu) {}

    private ReleaseSelection() {}

    /**
     * @param pendingInSubmitOrder the account's pending jobs, oldest first; only those held by allocd are candidates
     * @param committedMicroSu     money already promised to jobs released earlier that have not started yet
     */
    public static List<Candidate> select(List<PendingJob> pendingInSubmitOrder, long committedMicroSu,
            FundsProbe probe) {
        List<Candidate> released = new ArrayList<>();
        long total = committedMicroSu;
        for (PendingJob job : pendingInSubmitOrder) {
            if (!job.heldByAllocd()) {
                continue;
            }
            OptionalLong needed = HoldNote.neededMicroSu(job.adminComment());
            if (needed.isEmpty()) {
                continue;
            }
            long withThis = Math.addExact(total, needed.getAsLong());
            if (probe.fits(job.user(), withThis)) {
                released.add(new Candidate(job, needed.getAsLong()));
                total = withThis;
            }
        }
        return released;
    }
}
