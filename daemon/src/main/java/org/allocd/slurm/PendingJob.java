package org.allocd.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * A pending Slurm job as the shim lists it. priority 0 means held (by
 * anyone); {@link #heldByAllocd()} tells allocd's own holds by their
 * AdminComment.
 */
public record PendingJob(long jobId, long submitEpochSeconds, String user, String account, long priority,
        String reason, String adminComment) {
    /** What the hook and allocd write in the AdminComment of a job held for money. */
    public static final String HOLD_PREFIX = "QOSGrpBillingMinutes:";

    public boolean heldByAllocd() {
        return priority == 0 && adminComment.startsWith(HOLD_PREFIX);
    }

    /** Parses the shim's text: one job per line, tab-separated, AdminComment last. */
    static List<PendingJob> parseAll(String text) {
        List<PendingJob> jobs = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", 7);
            if (f.length != 7) {
                throw new IllegalArgumentException("shim pending-job line has " + f.length
                        + " fields, expected 7 (library and daemon built from different versions?): " + line);
            }
            jobs.add(new PendingJob(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3], Long.parseLong(f[4]),
                    f[5], f[6]));
        }
        return jobs;
    }
}
