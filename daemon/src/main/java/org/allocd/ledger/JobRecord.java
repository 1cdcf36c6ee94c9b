package org.allocd.ledger;

/**
 * A job with what reports show beside its money: the request its start (or
 * its charge, when the start was lost) described, as stored text (null when
 * none was recorded), its Slurm times, how Slurm says it ended
 * (COMPLETED, TIMEOUT, ...; null while it runs or when its hook did not say)
 * and the array it is an element of (null: none, or not reported).
 */
public record JobRecord(Job job, String request, JobTimes times, String endState, JobArray array) {
    public JobRecord(Job job, String request, JobTimes times, String endState) {
        this(job, request, times, endState, null);
    }
}
