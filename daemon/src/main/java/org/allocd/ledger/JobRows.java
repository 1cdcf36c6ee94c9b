package org.allocd.ledger;

import java.util.List;
import java.util.Optional;

/** Jobs as the ledger records them: one by key, open liens, a user's usage. */
public interface JobRows {
    Optional<Job> job(String jobKey);

    /** The open lien of any run of a job, by the job key's prefix (e.g. "cluster/123/"). */
    Optional<Job> openLienOf(String jobKeyPrefix);

    /** What the job asked for when its lien was placed, as given then. */
    Optional<String> jobRequest(String jobKey);

    /** A job with its request, times and end state. */
    Optional<JobRecord> jobRecord(String jobKey);

    List<Job> openLiensExpiredBy(long nowMillis, int limit);

    /** At most limit jobs in job-key order, those after afterJobKey (null: from the first). */
    List<Job> jobsAfter(String afterJobKey, int limit);

    /** Jobs whose key is cluster/jobId/restart for this Slurm job id, any cluster or restart. */
    List<Job> jobsNumbered(long jobId);

    /** The runs of element taskId of Slurm array arrayJobId (Slurm's arrayJobId_taskId), any cluster. */
    List<Job> jobsOfArrayElement(JobArray element);

    /** The account a job asked for when another account paid for it instead. */
    Optional<String> requestedAccount(String jobKey);

    /** The rate version the job's lien was priced at; empty for a job liened before rates were versioned. */
    Optional<Integer> jobRateVersion(String jobKey);
}
