package org.allocd.slurm;

/** A libslurm call failed (code and Slurm's text) or did not answer in time (code 0). */
public final class SlurmException extends Exception {
    private final int code;
    private final boolean unreachable;

    public SlurmException(int code, String message) {
        this(code, message, false);
    }

    private SlurmException(int code, String message, boolean unreachable) {
        super(message);
        this.code = code;
        this.unreachable = unreachable;
    }

    /** Slurm could not be asked at all (libslurm down, slurmctld silent); {@link SlurmShim} has logged why. */
    static SlurmException unreachable(int code, String message) {
        return new SlurmException(code, message, true);
    }

    /** Slurm's error code, 0 when the call timed out or could not be made. */
    public int code() {
        return code;
    }

    /** True when the cause is already in the log once: callers need not repeat it every round. */
    public boolean unreachable() {
        return unreachable;
    }
}
