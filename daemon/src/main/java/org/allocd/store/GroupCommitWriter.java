package org.allocd.store;

import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. Callers queue tasks; one thread takes up to maxBatchSize
 * of them, runs them in one transaction (BEGIN IMMEDIATE ... COMMIT on SQLite;
 * on PostgreSQL BEGIN, the ledger's row lock, ... COMMIT), each in its own
 * savepoint, and completes their futures only after COMMIT, when the writes
 * are durable. One fsync thus answers many callers (group commit).
 *
 * <p>A task that throws is rolled back to its savepoint alone and its future
 * fails with its own exception; the rest of the batch commits. If BEGIN or
 * COMMIT fails, the whole batch is rolled back and every task fails with a
 * {@link StoreUnavailableException}; the writer carries on with the next batch
 * on a fresh connection. On PostgreSQL the savepoints and the ledger's writes
 * wait in a {@link Pipeline} and go with the next read or the COMMIT; a
 * statement that fails there fails the whole batch in the same way.
 *
 * <p>Futures complete on the writer thread: attach only short callbacks there,
 * and never wait on another write from one (use the *Async variants instead).
 * Handing them to another thread was measured slower on 2 cores (BENCHMARKS.md
 * section 1): the extra wake-up per batch costs more than the callbacks.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

    private final HikariDataSource pool;
    private final StoreDialect dialect;
    private final int maxBatchSize;
    private final int queueCapacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    private final Thread thread;
    private boolean closed; // guarded by lock
    private String step = ""; // writer thread only: what the batch was doing, for the failure message
    private long batchNumber; // writer thread only: counts batches begun
    private long ledgerVersion; // writer thread only: what StoreDialect.lockLedger returned for this batch
    private long batchRoundTrips; // writer thread only: this batch's waits for a server's answer (WriterStats)
    /** Tells this writer's own commits from another's (StoreDialect.lockLedger); never 0, a fresh table's value. */
    private final long writerId = new SecureRandom().nextLong() | 1;
    private volatile WriterStats stats = WriterStats.ZERO;

    GroupCommitWriter(HikariDataSource pool, StoreDialect dialect, int maxBatchSize, int queueCapacity) {
        this.pool = pool;
        this.dialect = dialect;
        this.maxBatchSize = maxBatchSize;
        this.queueCapacity = queueCapacity;
        this.thread = new Thread(this::run, "allocd-writer");
        thread.start();
    }

    /**
     * Queues a task. Never blocks: when the queue is full the returned future
     * has already failed with {@link StoreBusyException}, and once the writer is
     * closed with {@link StoreUnavailableException}.
     */
    <R> CompletableFuture<R> submit(WriteTask<R> task) {
        return submit(new Pending<>((writer, pipeline) -> task.apply(writer), false));
    }

    /** Queues a task whose writes may wait in the pipeline; as {@link #submit(WriteTask)} otherwise. */
    <R> CompletableFuture<R> submitPipelined(PipelinedTask<R> task) {
        return submit(new Pending<>(task, true));
    }

    private <R> CompletableFuture<R> submit(Pending<R> pending) {
        lock.lock();
        try {
            if (closed) {
                pending.future.completeExceptionally(new StoreUnavailableException(
                        "the store is closed; the write was not accepted and nothing was written", null));
            } else if (queue.size() >= queueCapacity) {
                pending.future.completeExceptionally(new StoreBusyException("the write queue is full ("
                        + queueCapacity + " writes waiting); nothing was written, try again shortly"));
            } else {
                queue.add(pending);
                queued.signal();
            }
        } finally {
            lock.unlock();
        }
        return pending.future;
    }

    WriterStats stats() {
        return stats;
    }

    /** Which batch the writer is running; read only from inside a task, on the writer thread. */
    long batchNumber() {
        return batchNumber;
    }

    /** The ledger's version in this batch (StoreDialect.lockLedger); read only from inside a task. */
    long ledgerVersion() {
        return ledgerVersion;
    }

    /** Stops accepting writes, commits everything already queued, and stops the thread. */
    @Override
    public void close() {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("the writer cannot be closed from a write task or its callback");
        }
        lock.lock();
        try {
            closed = true;
            queued.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // queued writes must still be committed before we return
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Owned by the writer thread: the connection every batch runs on until one fails. */
    private Connection writer;
    /** Owned by the writer thread: prepared on writer, as every task runs two of them; null when pipelined. */
    private Savepoints savepoints;
    /** Owned by the writer thread: the statements held back on writer; null unless the dialect pipelines. */
    private Pipeline pipeline;

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(maxBatchSize);
        while (takeBatch(batch)) {
            commit(batch);
            batch.clear();
        }
        if (writer != null) {
            close(writer);
        }
    }

    /** Waits for work; returns false once closed and drained. */
    private boolean takeBatch(List<Pending<?>> batch) {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                queued.awaitUninterruptibly();
            }
            while (batch.size() < maxBatchSize && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            return !batch.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<Pending<?>> batch) {
        // The writer keeps its connection from batch to batch, so tasks can keep prepared statements;
        // a failed batch drops it and the next batch takes a fresh one.
        if (writer == null) {
            try {
                writer = pool.getConnection();
                if (dialect.pipelines()) {
                    pipeline = Pipeline.onWriter(writer);
                } else {
                    savepoints = new Savepoints(writer, dialect.releasesSavepoints());
                }
            } catch (SQLException e) {
                if (writer != null) {
                    discard(writer);
                    writer = null;
                }
                failBatch(batch, "getting the writer connection", e);
                return;
            }
        }
        long commitNanos;
        try {
            commitNanos = runBatch(writer, batch);
        } catch (Throwable e) { // even an Error: the writer thread must survive to serve the next batch
            failBatch(batch, step, e);
            discard(writer);
            writer = null;
            return;
        }
        int threw = (int) batch.stream().filter(pending -> pending.failure != null).count();
        // Stats first: a caller that was answered sees them include its own write.
        stats = stats.afterCommit(batch.size() - threw, threw, commitNanos, batchRoundTrips);
        batch.forEach(Pending::complete);
        if (batch.stream().anyMatch(pending -> pending.failure instanceof StoreUnavailableException)) {
            // A statement failed in the database, not a ledger rule: the connection itself may be what is wrong
            // (e.g. SQLite opened it read-only while the file could not be written), so the next batch gets a new one.
            discard(writer);
            writer = null;
        }
    }

    /** Runs the batch in one transaction and returns how long COMMIT took. */
    private long runBatch(Connection writer, List<Pending<?>> batch) throws SQLException {
        batchNumber++;
        step = "creating a statement";
        Statement statement = writer.createStatement();
        try {
            step = dialect.beginWrite();
            statement.execute(step);
            step = "locking the ledger";
            long versionBefore = ledgerVersion;
            ledgerVersion = dialect.lockLedger(statement, writerId);
            // BEGIN and the lock's SELECT, and its UPDATE when this writer claimed the row (the version moved)
            long lockRoundTrips = ledgerVersion == versionBefore ? 2 : 3;
            long sendsBefore = pipeline == null ? 0 : pipeline.roundTrips();
            step = pipeline == null ? "a task's savepoint" : "a task's statements";
            for (Pending<?> pending : batch) {
                if (pipeline == null) {
                    pending.runInSavepoint(writer, savepoints);
                } else {
                    pending.runInPipeline(writer, pipeline);
                }
            }
            step = "COMMIT";
            long startNanos = System.nanoTime();
            if (pipeline == null) {
                batchRoundTrips = 0;
                statement.execute("COMMIT");
            } else {
                pipeline.add("COMMIT"); // with the last task's writes
                pipeline.send();
                batchRoundTrips = lockRoundTrips + pipeline.roundTrips() - sendsBefore;
            }
            return System.nanoTime() - startNanos;
        } finally {
            closeQuietly(statement); // after COMMIT nothing may turn the batch into a failure
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            log.debug("closing a writer statement failed: {}", e.getMessage());
        }
    }

    private void failBatch(List<Pending<?>> batch, String failedStep, Throwable cause) {
        String message = "database write failed at " + failedStep + ", nothing of this batch of " + batch.size()
                + " writes was written: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString());
        log.warn(message);
        stats = stats.afterFailedBatch(batch.size());
        StoreUnavailableException failure = new StoreUnavailableException(message, cause);
        batch.forEach(pending -> pending.future.completeExceptionally(failure));
    }

    /** Rolls back and drops the connection, so no half-open transaction reaches the next batch. */
    private void discard(Connection writer) {
        try (Statement statement = writer.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            // no transaction was open, or the connection is broken: it is dropped either way
        }
        pool.evictConnection(writer);
        close(writer);
    }

    private static void close(Connection writer) {
        try {
            writer.close();
        } catch (SQLException e) {
            log.warn("returning the writer connection failed: {}", e.getMessage());
        }
    }

    private static final class Pending<R> {
        final PipelinedTask<R> task;
        /** False for a task that runs its own statements on the connection: what waits must go before them. */
        final boolean usesPipeline;
        final CompletableFuture<R> future = new CompletableFuture<>();
        R result;
        Throwable failure;

        Pending(PipelinedTask<R> task, boolean usesPipeline) {
            this.task = task;
            this.usesPipeline = usesPipeline;
        }

        void runInSavepoint(Connection writer, Savepoints savepoints) throws SQLException {
            savepoints.begin.execute();
            try {
                result = task.apply(writer, null);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) { // the task alone fails; its writes are undone below
                failure = e;
                savepoints.rollback.execute();
            }
            if (savepoints.release != null) {
                savepoints.release.execute();
            }
        }

        /**
         * The task's writes wait in the pipeline, and its savepoint goes only with the first of them that is
         * sent (Pipeline.beginTask). A task that fails before any of it was sent just takes it back; otherwise
         * ROLLBACK TO goes first with the next send. A failure of a send itself fails the batch
         * (Pipeline.BatchFailed), as statements of earlier tasks went with it.
         */
        void runInPipeline(Connection writer, Pipeline pipeline) {
            Pipeline.Mark mark;
            if (usesPipeline) {
                mark = pipeline.beginTask();
            } else { // its own statements go straight to the connection, after its savepoint
                mark = pipeline.mark();
                pipeline.add("SAVEPOINT task");
                pipeline.send();
            }
            try {
                result = task.apply(writer, pipeline);
            } catch (VirtualMachineError | Pipeline.BatchFailed e) {
                throw e;
            } catch (Throwable e) { // the task alone fails; its writes are undone below
                failure = e;
                if (pipeline.sentSince(mark)) {
                    pipeline.add("ROLLBACK TO task");
                } else {
                    pipeline.dropSince(mark);
                }
            } finally {
                pipeline.endTask();
            }
        }

        void complete() {
            if (failure == null) {
                future.complete(result);
            } else {
                future.completeExceptionally(failure);
            }
        }
    }

    /** A task's savepoint statements, prepared once per writer connection rather than parsed for every task. */
    private static final class Savepoints {
        final PreparedStatement begin;
        final PreparedStatement rollback;

        /** Null when the dialect does not release savepoints. */
        final PreparedStatement release;

        Savepoints(Connection writer, boolean released) throws SQLException {
            begin = writer.prepareStatement("SAVEPOINT task");
            rollback = writer.prepareStatement("ROLLBACK TO task");
            release = released ? writer.prepareStatement("RELEASE task") : null;
        }
    }
}
