package org.allocd.ledger;

/**
 * The Slurm job array a job is an element of: element taskId of array arrayJobId. Slurm gives each
 * element a job id of its own (the job key's) but shows it as arrayJobId_taskId ("31_1"), and so do
 * the bank's reports.
 */
public record JobArray(long arrayJobId, long taskId) {
    public JobArray {
        if (arrayJobId <= 0 || taskId < 0) {
            throw new IllegalArgumentException("an array element needs an array job id > 0 and a task id >= 0, got "
                    + arrayJobId + "_" + taskId);
        }
    }

    /**
     * The one name a person sees for a Slurm job: "31_1" for an element of array 31, else the job id
     * ("1234"); a run after a requeue adds its restart count ("1234 run 2").
     */
    public static String slurmId(long jobId, int restart, JobArray array) {
        String id = array == null ? Long.toString(jobId) : array.arrayJobId + "_" + array.taskId;
        return restart > 0 ? id + " run " + restart : id;
    }
}
