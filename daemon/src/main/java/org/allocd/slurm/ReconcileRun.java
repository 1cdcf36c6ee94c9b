package org.allocd.slurm;

/**
 * What the lien reconciler's last run did, for the admin's health view: when it ran, whether Slurm could be
 * asked from here (if not, housekeeping released the liens past their time without asking), and what came of the
 * liens past their time it looked at: charged by Slurm's record, released, given more time because Slurm still
 * runs the job, or left waiting for Slurm to answer.
 */
public record ReconcileRun(long atMillis, boolean slurmAsked, int lookedAt, int charged, int released, int extended,
        int waiting) {}
