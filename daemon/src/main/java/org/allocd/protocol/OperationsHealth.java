package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.VerifyReport;
import org.allocd.slurm.PendingJob;
import org.allocd.slurm.SlurmException;

/**
 * The admin's health view ('allocmgr show health', the portal's health page): liens still open past their
 * time limit and grace, jobs Slurm holds for funds, whether Slurm answers, and the last verify with its
 * result. The last verify is kept in memory (one record; a restart forgets it), as verify runs it.
 */
final class OperationsHealth {
    /** Counting stops here: past it the view says "more", and the count costs no more. */
    private static final int MAX_COUNTED = 10_000;
    private static final String SLURMDBD_REASON = "QOSGrpBillingMinutes";

    private record LastVerify(long atMillis, boolean clean, long problemCount, long journalEntries) {}

    private final Ledger ledger;
    private final SlurmQueue slurm;
    private volatile LastVerify lastVerify;

    OperationsHealth(Ledger ledger, SlurmQueue slurm) {
        this.ledger = ledger;
        this.slurm = slurm;
    }

    void verified(VerifyReport report) {
        lastVerify = new LastVerify(ledger.nowMillis(), report.clean(), report.problemCount(), report.journalEntries());
    }

    ObjectNode answer() {
        ObjectNode answer = Replies.ok();
        // Slurm is asked before the read, so a slow slurmctld never holds a pooled connection.
        try {
            long held = slurm.pendingJobs().stream()
                    .filter(job -> job.heldByAllocd() || SLURMDBD_REASON.equals(job.reason())).count();
            answer.put("slurm_reachable", true).put("held_for_funds", held).putNull("slurm_note");
        } catch (SlurmException e) {
            answer.put("slurm_reachable", false).putNull("held_for_funds")
                    .put("slurm_note", "slurm not reachable (" + e.getMessage() + ")");
        }
        long nowMillis = ledger.nowMillis();
        int pastTime = ledger.read(view -> view.openLiensExpiredBy(nowMillis, MAX_COUNTED + 1)).size();
        answer.put("open_liens_past_time", Math.min(pastTime, MAX_COUNTED))
                .put("open_liens_past_time_more", pastTime > MAX_COUNTED);
        LastVerify last = lastVerify;
        ObjectNode verify = answer.putObject("last_verify");
        if (last == null) {
            verify.putNull("at_ms").putNull("clean").putNull("problem_count").putNull("journal_entries");
        } else {
            verify.put("at_ms", last.atMillis()).put("clean", last.clean()).put("problem_count", last.problemCount())
                    .put("journal_entries", last.journalEntries());
        }
        return answer;
    }
}
