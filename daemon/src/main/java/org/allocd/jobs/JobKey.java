package org.allocd.jobs;

/**
 * A job as Slurm names it. A requeued job runs again under the same id with a
 * higher restart count, and each run is paid for on its own, so the restart
 * count is part of the key.
 */
public record JobKey(String cluster, long jobId, int restart) {
    public JobKey {
        if (cluster == null || !cluster.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("cluster name '" + cluster + "' is not valid");
        }
        if (jobId <= 0 || restart < 0) {
            throw new IllegalArgumentException("job id must be > 0 and restart count >= 0, got " + jobId + "/" + restart);
        }
    }

    /** The key text() wrote, or empty for another form (a job key given by an admin or a test). */
    public static java.util.Optional<JobKey> parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3 || !parts[1].matches("[0-9]{1,10}") || !parts[2].matches("[0-9]{1,9}")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new JobKey(parts[0], Long.parseLong(parts[1]), Integer.parseInt(parts[2])));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The ledger's job key, e.g. "testcluster/1234/0". */
    public String text() {
        return cluster + "/" + jobId + "/" + restart;
    }

    /** What the keys of every run of this job start with, e.g. "testcluster/1234/". */
    public String jobPrefix() {
        return cluster + "/" + jobId + "/";
    }

    /** The idempotency key of one event of this run, e.g. "testcluster/1234/0:lien". */
    public String event(String name) {
        return text() + ":" + name;
    }
}
