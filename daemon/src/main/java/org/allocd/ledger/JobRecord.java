package org.allocd.ledger;

/**
 * A job with what reports show beside its money: the request its start (or
 * its charge, when the start was lost) described, as stored text (null when
 * none was recorded), and its Slurm times.
 */
public record JobRecord(Job job, String request, JobTimes times) {
}
