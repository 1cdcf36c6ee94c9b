package org.allocd.report;

import java.util.OptionalLong;
import org.allocd.ledger.JobArray;
import org.allocd.ledger.JobTimes;
import org.allocd.slurm.HoldNote;
import org.allocd.slurm.PendingJob;

/**
 * One line of 'show jobs': a job the bank knows, or one Slurm still holds
 * pending (state "pending": no lien yet). Times are epoch ms, durations
 * seconds; a null field is unknown (e.g. a job recorded by an older hook).
 *
 * @param slurmId      the job as Slurm users know it: "31_1" for an array element, "31_[2-5]" for an array's
 *                     elements pending unsplit, else its id (JobArray.slurmId)
 * @param state        the bank's state of the job: its lien open, charged, released..., or pending in Slurm
 * @param endState     how Slurm says the run ended (COMPLETED, TIMEOUT, PREEMPTED, ...); null until it ends
 * @param quoteMicroSu what a pending job will cost, when its hold note says so
 * @param reason       why a pending job waits (Slurm's reason, or allocd's hold note)
 */
public record JobRow(String job, long jobId, String slurmId, String user, String account, String partition, String reqTres,
        Long submitMillis, Long startMillis, Long endMillis, Long queuedS, Long runS, String state, String endState,
        long lienMicroSu, long chargedMicroSu, long refundedMicroSu, Long quoteMicroSu, String reason) {

    /** Queued: submit to start (to now while it waits); run: start to end (to now while it runs). */
    public static JobRow of(String job, long jobId, String slurmId, String user, String account, String partition,
            String reqTres,
            JobTimes t, boolean running, String state, String endState, long lienMicroSu, long chargedMicroSu,
            long refundedMicroSu, Long quoteMicroSu, String reason, long nowMillis) {
        Long queuedEnd = t.startedAtMillis() != null ? t.startedAtMillis() : "pending".equals(state) ? (Long) nowMillis : null;
        Long runEnd = t.endedAtMillis() != null ? t.endedAtMillis() : running ? (Long) nowMillis : null;
        return new JobRow(job, jobId, slurmId, user, account, partition, reqTres, t.submittedAtMillis(), t.startedAtMillis(),
                t.endedAtMillis(), seconds(t.submittedAtMillis(), queuedEnd), seconds(t.startedAtMillis(), runEnd), state,
                endState, lienMicroSu, chargedMicroSu, refundedMicroSu, quoteMicroSu, reason);
    }

    /**
     * A job Slurm holds pending, keyed cluster/jobid (no run yet). allocd's
     * own hold note says why and what the job needs; otherwise Slurm's reason
     * (e.g. QOSGrpBillingMinutes under a QOS limit, Priority, Resources).
     */
    public static JobRow pending(PendingJob p, String cluster, String account, long nowMillis) {
        boolean holdNote = p.adminComment().startsWith(PendingJob.HOLD_PREFIX);
        OptionalLong quote = holdNote ? HoldNote.neededMicroSu(p.adminComment()) : OptionalLong.empty();
        return of(cluster + "/" + p.jobId(), p.jobId(), JobArray.slurmId(p.jobId(), 0, p.array()), p.user(), account, null,
                null,
                new JobTimes(p.submitEpochSeconds() * 1000, null, null), false, "pending", null, 0, 0, 0,
                quote.isPresent() ? quote.getAsLong() : null, holdNote ? p.adminComment() : p.reason(), nowMillis);
    }

    private static Long seconds(Long fromMillis, Long toMillis) {
        return fromMillis == null || toMillis == null ? null : Math.max(0, toMillis - fromMillis) / 1000;
    }
}
