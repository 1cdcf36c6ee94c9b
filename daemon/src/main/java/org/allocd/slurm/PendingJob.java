package org.allocd.slurm;

import java.util.ArrayList;
import java.util.List;
import org.allocd.ledger.JobArray;

/**
 * A pending Slurm job as the shim lists it. priority 0 means held (by
 * anyone); {@link #heldByAllocd()} tells allocd's own holds by their
 * AdminComment. array: the array it is part of (an element, or the record
 * of the elements not split off yet), null outside an array.
 */
public record PendingJob(long jobId, long submitEpochSeconds, String user, String account, long priority,
        String reason, String adminComment, JobArray array) {
    /** The first fields of both of the shim's pending-job lines: job_id to array_tasks. */
    static final int HEAD_FIELDS = 8;

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
            String[] f = line.split("\t", HEAD_FIELDS + 1);
            if (f.length != HEAD_FIELDS + 1) {
                throw new IllegalArgumentException("shim pending-job line has " + f.length + " fields, expected "
                        + (HEAD_FIELDS + 1) + " (library and daemon built from different versions?): " + line);
            }
            jobs.add(of(f, f[HEAD_FIELDS]));
        }
        return jobs;
    }

    /** The job from a line's first HEAD_FIELDS fields and its AdminComment. */
    static PendingJob of(String[] f, String adminComment) {
        long arrayJobId = Long.parseLong(f[6]);
        String tasks = f[7];
        JobArray array = arrayJobId == 0 || tasks.isEmpty() ? null
                : tasks.chars().allMatch(ch -> ch >= '0' && ch <= '9') ? new JobArray(arrayJobId, Long.parseLong(tasks))
                : JobArray.unsplit(arrayJobId, tasks);
        return new PendingJob(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3], Long.parseLong(f[4]), f[5],
                adminComment, array);
    }
}
