package org.allocd.store;

/**
 * What the group-commit writer has done since the store opened. A failed task
 * is one that threw (rolled back alone) or that belonged to a batch whose
 * BEGIN or COMMIT failed. roundTrips counts the writer's waits for a database
 * server's answer (0 on SQLite, which runs in-process): BEGIN, the writer_lock
 * row's statements, each send of its Pipeline.
 */
public record WriterStats(
        long batchesCommitted,
        long batchesFailed,
        long tasksCommitted,
        long tasksFailed,
        long lastCommitNanos,
        long maxCommitNanos,
        long roundTrips) {

    static final WriterStats ZERO = new WriterStats(0, 0, 0, 0, 0, 0, 0);

    WriterStats afterCommit(int tasksOk, int tasksThrew, long commitNanos, long batchRoundTrips) {
        return new WriterStats(batchesCommitted + 1, batchesFailed, tasksCommitted + tasksOk,
                tasksFailed + tasksThrew, commitNanos, Math.max(maxCommitNanos, commitNanos),
                roundTrips + batchRoundTrips);
    }

    WriterStats afterFailedBatch(int tasks) {
        return new WriterStats(batchesCommitted, batchesFailed + 1, tasksCommitted, tasksFailed + tasks,
                lastCommitNanos, maxCommitNanos, roundTrips);
    }
}
