package org.allocd.store;

/**
 * What the group-commit writer has done since the store opened. A failed task
 * is one that threw (rolled back alone) or that belonged to a batch whose
 * BEGIN or COMMIT failed.
 */
public record WriterStats(
        long batchesCommitted,
        long batchesFailed,
        long tasksCommitted,
        long tasksFailed,
        long lastCommitNanos,
        long maxCommitNanos) {

    static final WriterStats ZERO = new WriterStats(0, 0, 0, 0, 0, 0);

    WriterStats afterCommit(int tasksOk, int tasksThrew, long commitNanos) {
        return new WriterStats(batchesCommitted + 1, batchesFailed, tasksCommitted + tasksOk,
                tasksFailed + tasksThrew, commitNanos, Math.max(maxCommitNanos, commitNanos));
    }

    WriterStats afterFailedBatch(int tasks) {
        return new WriterStats(batchesCommitted, batchesFailed + 1, tasksCommitted, tasksFailed + tasks,
                lastCommitNanos, maxCommitNanos);
    }
}
