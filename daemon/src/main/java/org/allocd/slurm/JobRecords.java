package org.allocd.slurm;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Asks Slurm what became of a job: slurmctld through the shim while it still
 * remembers the job (MinJobAge, 300 s by default, after its end), else sacct
 * when the site keeps accounting (slurmdbd).
 */
final class JobRecords {
    /** ESLURM_INVALID_JOB_ID in slurm_errno.h (the same since Slurm 2.x): slurmctld does not know the job. */
    static final int INVALID_JOB_ID = 2017;

    private final SlurmShim shim;
    private final SlurmCommand sacct;
    private final ZoneId zone;

    JobRecords(SlurmShim shim, SlurmCommand sacct, ZoneId zone) {
        this.shim = shim;
        this.sacct = sacct;
        this.zone = zone;
    }

    /** What Slurm knows; throws when it cannot be asked now (slurmctld or slurmdbd away). */
    SlurmRecord find(long jobId) throws SlurmException {
        try {
            JobInfo info = shim.jobInfo(jobId);
            return SlurmRecord.of(info.state(), info.startEpochSeconds(), info.endEpochSeconds(), info.submitEpochSeconds());
        } catch (SlurmException e) {
            if (e.code() != INVALID_JOB_ID) {
                throw e;
            }
        }
        return sacct.installed() ? fromAccounting(jobId) : SlurmRecord.NONE;
    }

    private SlurmRecord fromAccounting(long jobId) throws SlurmException {
        String out;
        try {
            out = sacct.run("-n", "-P", "-X", "-j", Long.toString(jobId), "--format=State,Start,End");
        } catch (SlurmException e) {
            if (e.getMessage().contains("accounting storage is disabled")) {
                return SlurmRecord.NONE;
            }
            throw e;
        }
        String line = out.strip().split("\n", 2)[0];
        String[] f = line.split("\\|", -1);
        if (line.isEmpty() || f.length < 3) {
            return SlurmRecord.NONE;
        }
        return SlurmRecord.of(f[0], epoch(f[1]), epoch(f[2]));
    }

    /** sacct's local time, e.g. 2026-11-22T01:00:05; "Unknown" or "None" is 0. */
    long epoch(String text) {
        try {
            return LocalDateTime.parse(text.strip()).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
