package org.allocd.charge;

import java.util.Locale;
import java.util.Optional;

/**
 * How a run of a job ended, in Slurm's words. The charge policies that spare
 * failed jobs (DEBITSUCCESSFUL*) read failed(): the job or its node failed
 * (FAILED, NODE_FAIL, OUT_OF_MEMORY, BOOT_FAIL, DEADLINE). As Moab counts it, a
 * job killed at its wallclock limit ran the time it asked for and is not a
 * failure; nor is a run someone cancelled (else cancelling just before the end
 * would make any job free), preempted or requeued: it held its resources.
 */
public enum EndState {
    COMPLETED(false),
    FAILED(true),
    CANCELLED(false),
    TIMEOUT(false),
    NODE_FAIL(true),
    PREEMPTED(false),
    OUT_OF_MEMORY(true),
    BOOT_FAIL(true),
    DEADLINE(true),
    /** The run was requeued (scontrol requeue, requeuehold, a failed prolog): the job runs again. */
    REQUEUED(false);

    private final boolean failed;

    EndState(boolean failed) {
        this.failed = failed;
    }

    public boolean failed() {
        return failed;
    }

    /** Slurm's name (any case, e.g. "CANCELLED by 0" as sacct writes it); empty for a state that is no end. */
    public static Optional<EndState> parse(String slurmState) {
        if (slurmState == null || slurmState.isBlank()) {
            return Optional.empty();
        }
        String base = slurmState.strip().split("[ +]", 2)[0].toUpperCase(Locale.ROOT);
        for (EndState s : values()) {
            if (s.name().equals(base)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
