package org.allocd.ledger;

/**
 * When Slurm says a job was submitted, started and ended, in epoch ms, as the
 * hooks report them; null when not reported (older hooks, or not yet known).
 */
public record JobTimes(Long submittedAtMs, Long startedAtMs, Long endedAtMs) {
    public static final JobTimes NONE = new JobTimes(null, null, null);

    public JobTimes {
        notNegative("submittedAtMs", submittedAtMs);
        notNegative("startedAtMs", startedAtMs);
        notNegative("endedAtMs", endedAtMs);
    }

    public boolean none() {
        return submittedAtMs == null && startedAtMs == null && endedAtMs == null;
    }

    private static void notNegative(String name, Long ms) {
        if (ms != null && ms < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + ms);
        }
    }
}
