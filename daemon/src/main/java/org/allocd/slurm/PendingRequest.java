package org.allocd.slurm;

import java.util.ArrayList;
import java.util.List;
import org.allocd.charge.JobRequest;

/** A pending job with what it asks for, as the shim lists it (allocd_shim_pending_requests). */
public record PendingRequest(PendingJob job, JobRequest request) {
    private static final int FIELDS = PendingJob.HEAD_FIELDS + 9;

    /** One job per line, tab-separated, AdminComment last. */
    static List<PendingRequest> parseAll(String text) {
        List<PendingRequest> jobs = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", FIELDS);
            if (f.length != FIELDS) {
                throw new IllegalArgumentException("shim pending-request line has " + f.length + " fields, expected "
                        + FIELDS + " (library and daemon built from different versions?): " + line);
            }
            PendingJob job = PendingJob.of(f, f[FIELDS - 1]);
            int r = PendingJob.HEAD_FIELDS;
            JobRequest request = new JobRequest(f[r].isEmpty() ? "default" : f[r], f[r + 1].isEmpty() ? null : f[r + 1],
                    Integer.parseInt(f[r + 3]), Long.parseLong(f[r + 4]), Integer.parseInt(f[r + 5]),
                    Integer.parseInt(f[r + 6]), f[r + 7].equals("1"), Long.parseLong(f[r + 2]), List.of());
            jobs.add(new PendingRequest(job, request));
        }
        return jobs;
    }
}
