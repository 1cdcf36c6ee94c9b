package org.allocd.report;

import org.allocd.ledger.JobTimes;

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

    private static Long seconds(Long fromMs, Long toMs) {
        return fromMs == null || toMs == null ? null : Math.max(0, toMs - fromMs) / 1000;
    }
}
