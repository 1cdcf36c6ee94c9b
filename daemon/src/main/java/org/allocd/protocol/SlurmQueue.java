package org.allocd.protocol;

import java.util.List;
import org.allocd.slurm.PendingJob;
import org.allocd.slurm.SlurmException;

/**
 * Where 'show jobs' learns which jobs Slurm still holds pending and why. Each
 * call must return or fail within a bound (the shim's call timeout), so a
 * report never waits long on a slurmctld that is away.
 */
public interface SlurmQueue {
    /** The cluster of this allocd, the first part of every job key. */
    String cluster();

    /** Every pending job of every account; SlurmException says why Slurm could not be asked. */
    List<PendingJob> pendingJobs() throws SlurmException;
}
