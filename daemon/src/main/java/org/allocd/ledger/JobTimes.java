package org.allocd.ledger;

/**
 * When Slurm says a job was submitted, started and ended, in epoch ms, and the
 * reservation it ran in, as the hooks report them; null when not reported
 * (older hooks, not yet known, or no reservation).
 */
public record JobTimes(Long submittedAtMillis, Long startedAtMillis, Long endedAtMillis, String reservation) {
    public static final JobTimes NONE = new JobTimes(null, null, null, null);

    public JobTimes {
        notNegative("submittedAtMillis", submittedAtMillis);
        notNegative("startedAtMillis", startedAtMillis);
        notNegative("endedAtMillis", endedAtMillis);
    }

    public JobTimes(Long submittedAtMillis, Long startedAtMillis, Long endedAtMillis) {
        this(submittedAtMillis, startedAtMillis, endedAtMillis, null);
    }

    public boolean none() {
        return submittedAtMillis == null && startedAtMillis == null && endedAtMillis == null && reservation == null;
    }

    private static void notNegative(String name, Long ms) {
        if (ms != null && ms < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + ms);
        }
    }
}
