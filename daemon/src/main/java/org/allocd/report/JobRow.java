package org.allocd.report;

import java.util.OptionalLong;
import org.allocd.ledger.JobTimes;
import org.allocd.slurm.HoldNote;
import org.allocd.slurm.PendingJob;

/**
 * One line of 'show jobs': a job the bank knows, or one Slurm still holds
 * pending (state "pending": no lien yet). Times are epoch ms, durations
 * seconds; a null field is unknown (e.g. a job recorded by an older hook).
 *
 * @param quoteMicroSu what a pending job will cost, when its hold note says so
 * @param reason       why a pending job waits (Slurm's reason, or allocd's hold note)
 */
public record JobRow(String job, long jobId, String user, String account, String partition, String reqTres,
        Long submitMs, Long startMs, Long endMs, Long queuedS, Long runS, String state, long lienMicroSu,
        long chargedMicroSu, long refundedMicroSu, Long quoteMicroSu, String reason) {

    /** Queued: submit to start (to now while it waits); run: start to end (to now while it runs). */
    public static JobRow of(String job, long jobId, String user, String account, String partition, String reqTres,
            JobTimes t, boolean running, String state, long lienMicroSu, long chargedMicroSu, long refundedMicroSu,
            Long quoteMicroSu, String reason, long nowMs) {
        Long queuedEnd = t.startedAtMs() != null ? t.startedAtMs() : "pending".equals(state) ? (Long) nowMs : null;
        Long runEnd = t.endedAtMs() != null ? t.endedAtMs() : running ? (Long) nowMs : null;
        return new JobRow(job, jobId, user, account, partition, reqTres, t.submittedAtMs(), t.startedAtMs(),
                t.endedAtMs(), seconds(t.submittedAtMs(), queuedEnd), seconds(t.startedAtMs(), runEnd), state,
                lienMicroSu, chargedMicroSu, refundedMicroSu, quoteMicroSu, reason);
    }

    /**
     * A job Slurm holds pending, keyed cluster/jobid (no run yet). allocd's
     * own hold note says why and what the job needs; otherwise Slurm's reason
     * (e.g. QOSGrpBillingMinutes under a QOS limit, Priority, Resources).
     */
    public static JobRow pending(PendingJob p, String cluster, String account, long nowMs) {
        boolean holdNote = p.adminComment().startsWith(PendingJob.HOLD_PREFIX);
        OptionalLong quote = holdNote ? HoldNote.neededMicroSu(p.adminComment()) : OptionalLong.empty();
        return of(cluster + "/" + p.jobId(), p.jobId(), p.user(), account, null, null,
                new JobTimes(p.submitEpochSeconds() * 1000, null, null), false, "pending", 0, 0, 0,
                quote.isPresent() ? quote.getAsLong() : null, holdNote ? p.adminComment() : p.reason(), nowMs);
    }

    private static Long seconds(Long fromMs, Long toMs) {
        return fromMs == null || toMs == null ? null : Math.max(0, toMs - fromMs) / 1000;
    }
}
