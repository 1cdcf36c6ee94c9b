package org.allocd.ledger;

/**
 * When Slurm says a job was submitted, started and ended, in epoch ms, and the
 * reservation it ran in, as the hooks report them; null when not reported
 * (older hooks, not yet known, or no reservation).
 */
public record JobTimes(Long submittedAtMs, Long startedAtMs, Long endedAtMs, String reservation) {
    public static final JobTimes NONE = new JobTimes(null, null, null, null);

    public JobTimes {
        notNegative("submittedAtMs", submittedAtMs);
        notNegative("startedAtMs", startedAtMs);
        notNegative("endedAtMs", endedAtMs);
    }

    public JobTimes(Long submittedAtMs, Long startedAtMs, Long endedAtMs) {
        this(submittedAtMs, startedAtMs, endedAtMs, null);
    }

    public boolean none() {
        return submittedAtMs == null && startedAtMs == null && endedAtMs == null && reservation == null;
    }

    private static void notNegative(String name, Long ms) {
        if (ms != null && ms < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + ms);
        }
    }
}
