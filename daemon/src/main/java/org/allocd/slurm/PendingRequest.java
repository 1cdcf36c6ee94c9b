package org.allocd.slurm;

import java.util.ArrayList;
import java.util.List;
import org.allocd.charge.JobRequest;

/** A pending job with what it asks for, as the shim lists it (allocd_shim_pending_requests). */
public record PendingRequest(PendingJob job, JobRequest request) {
    private static final int FIELDS = 15;

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
            PendingJob job = new PendingJob(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3],
                    Long.parseLong(f[4]), f[5], f[14]);
            JobRequest request = new JobRequest(f[6].isEmpty() ? "default" : f[6], f[7].isEmpty() ? null : f[7],
                    Integer.parseInt(f[9]), Long.parseLong(f[10]), Integer.parseInt(f[11]), Integer.parseInt(f[12]),
                    f[13].equals("1"), Long.parseLong(f[8]), List.of());
            jobs.add(new PendingRequest(job, request));
        }
        return jobs;
    }
}
