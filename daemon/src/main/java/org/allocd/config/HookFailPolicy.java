package org.allocd.config;

/** What the Slurm hooks do when allocd does not answer within hook_timeout_ms. */
public enum HookFailPolicy {
    /** Let the job through; the epilog spool makes sure it is still charged. */
    OPEN,
    /** Refuse or hold the job until allocd answers again. */
    CLOSED
}
