package org.allocd.slurm;

/**
 * One Slurm job as the shim reports it.
 *
 * @param timeLimitMinutes -1 when unlimited
 * @param startEpochSeconds 0 when unknown (for a pending job: Slurm's expected start, if any)
 */
public record JobInfo(long jobId, String state, String user, String account, long timeLimitMinutes,
        long submitEpochSeconds, long startEpochSeconds, long endEpochSeconds, long priority, String reason,
        String adminComment) {

    static JobInfo parse(String text) {
        String line = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String[] f = line.split("\t", 11);
        if (f.length != 11) {
            throw new IllegalArgumentException("shim job-info line has " + f.length
                    + " fields, expected 11 (library and daemon built from different versions?): " + text);
        }
        return new JobInfo(Long.parseLong(f[0]), f[1], f[2], f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
                Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]), f[9], f[10]);
    }
}
