package org.allocd.ledger;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Slurm job array a job is part of: element taskId of array arrayJobId. Slurm gives each element a job id
 * of its own (the job key's) but shows it as arrayJobId_taskId ("31_1"), and so do the bank's reports. While
 * elements still wait unsplit in the array's own record, that record stands for all of them: unsplitTasks is
 * then Slurm's set of their task ids ("1-5", "2,4-5%2") and taskId is -1; Slurm shows it as 31_[1-5].
 */
public record JobArray(long arrayJobId, long taskId, String unsplitTasks) {
    /** Slurm's name of an array element: digits, '_', digits. */
    private static final Pattern ELEMENT = Pattern.compile("([0-9]{1,18})_([0-9]{1,18})");

    public JobArray {
        if (arrayJobId <= 0 || (unsplitTasks == null ? taskId < 0 : taskId != -1 || unsplitTasks.isBlank())) {
            throw new IllegalArgumentException("an array element needs an array job id > 0 and a task id >= 0 (or"
                    + " Slurm's set of unsplit tasks), got " + arrayJobId + "_" + (unsplitTasks == null ? taskId
                    : "[" + unsplitTasks + "]"));
        }
    }

    /** Element taskId of array arrayJobId. */
    public JobArray(long arrayJobId, long taskId) {
        this(arrayJobId, taskId, null);
    }

    /** The record of array arrayJobId holding the elements not split off yet: tasks as Slurm writes them. */
    public static JobArray unsplit(long arrayJobId, String tasks) {
        return new JobArray(arrayJobId, -1, tasks);
    }

    /** The element Slurm names this way ("31_1"), or empty when the text is not such a name. */
    public static Optional<JobArray> parseElement(String slurmId) {
        Matcher m = ELEMENT.matcher(slurmId);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            return Optional.empty();
        }
        return Optional.of(new JobArray(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    }

    /**
     * The one name a person sees for a Slurm job: "31_1" for an element of array 31, "31_[1-5]" for its
     * elements not split off yet, else the job id ("1234"); a run after a requeue adds its restart count
     * ("1234 run 2").
     */
    public static String slurmId(long jobId, int restart, JobArray array) {
        String id = array == null ? Long.toString(jobId)
                : array.arrayJobId + "_" + (array.unsplitTasks == null ? Long.toString(array.taskId)
                        : "[" + array.unsplitTasks + "]");
        return restart > 0 ? id + " run " + restart : id;
    }
}
