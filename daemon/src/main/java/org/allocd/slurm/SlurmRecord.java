package org.allocd.slurm;

import java.util.Set;

/**
 * What Slurm remembers of a job whose end never reached the bank: its latest run.
 *
 * @param startEpochSeconds  0 when unknown
 * @param endEpochSeconds    0 when unknown
 * @param submitEpochSeconds 0 when unknown; for a requeued job, when its previous run was requeued
 */
record SlurmRecord(Kind kind, String state, long startEpochSeconds, long endEpochSeconds, long submitEpochSeconds) {
    enum Kind {
        /** Slurm has no record (slurmctld forgot it and there is no accounting, or it never existed). */
        NONE,
        /** Still running (or suspended, completing...): its end will come. */
        ACTIVE,
        /** The run the lien was for left no times to charge: pending again (requeued), or ended unstarted. */
        NO_RUN,
        /** Ended with a start and an end to charge. */
        ENDED
    }

    private static final Set<String> ENDED_STATES = Set.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT",
            "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE");

    static final SlurmRecord NONE = new SlurmRecord(Kind.NONE, "", 0, 0, 0);

    /** From a state name (scontrol's or sacct's, e.g. "CANCELLED by 0") and the run's times. */
    static SlurmRecord of(String state, long startEpochSeconds, long endEpochSeconds) {
        return of(state, startEpochSeconds, endEpochSeconds, 0);
    }

    static SlurmRecord of(String state, long startEpochSeconds, long endEpochSeconds, long submitEpochSeconds) {
        String base = state.strip().split(" ", 2)[0];
        if (base.equals("PENDING") || base.equals("REQUEUED")) {
            return new SlurmRecord(Kind.NO_RUN, base, startEpochSeconds, endEpochSeconds, submitEpochSeconds);
        }
        if (ENDED_STATES.contains(base) && startEpochSeconds > 0 && endEpochSeconds >= startEpochSeconds) {
            return new SlurmRecord(Kind.ENDED, base, startEpochSeconds, endEpochSeconds, submitEpochSeconds);
        }
        if (ENDED_STATES.contains(base)) {
            // Ended before it ever started (e.g. cancelled while pending): nothing ran to charge.
            return new SlurmRecord(Kind.NO_RUN, base, startEpochSeconds, endEpochSeconds, submitEpochSeconds);
        }
        return new SlurmRecord(Kind.ACTIVE, base, startEpochSeconds, endEpochSeconds, submitEpochSeconds);
    }

    long elapsedSeconds() {
        return endEpochSeconds - startEpochSeconds;
    }
}
