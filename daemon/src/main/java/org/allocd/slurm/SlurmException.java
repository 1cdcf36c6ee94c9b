package org.allocd.slurm;

/** A libslurm call failed (code and Slurm's text) or did not answer in time (code 0). */
public final class SlurmException extends Exception {
    private final int code;

    public SlurmException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** Slurm's error code, 0 when the call timed out or could not be made. */
    public int code() {
        return code;
    }
}
