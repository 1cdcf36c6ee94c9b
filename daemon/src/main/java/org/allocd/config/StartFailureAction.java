package org.allocd.config;

/** What the prolog does with a job whose account can no longer cover it when it is about to start. */
public enum StartFailureAction {
    /** Hold the job with reason QOSGrpBillingMinutes until money arrives. */
    HOLD,
    /** Requeue the job (PrologSlurmctld exit != 0); srun/salloc jobs are killed by Slurm instead. */
    REQUEUE,
    /** Cancel the job. */
    CANCEL
}
