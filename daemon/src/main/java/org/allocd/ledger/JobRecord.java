package org.allocd.ledger;

/**
 * A job with what reports show beside its money: the request its start (or
 * its charge, when the start was lost) described, as stored text (null when
 * none was recorded), its Slurm times, how Slurm says it ended
 * (COMPLETED, TIMEOUT, ...; null while it runs or when its hook did not say),
 * the array it is an element of (null: none, or not reported), when the
 * bank first saw it (a listing's order, with the job key) and the account it
 * asked for when a fallback account paid for it instead (null: none).
 */
public record JobRecord(Job job, String request, JobTimes times, String endState, JobArray array,
        long createdAtMillis, String requestedAccount) {
}
