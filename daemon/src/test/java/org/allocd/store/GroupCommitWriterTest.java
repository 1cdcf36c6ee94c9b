package org.allocd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60) // a safety net against a hung writer, not a timing assertion
class GroupCommitWriterTest {
    @TempDir
    Path dir;

    @Test
    void concurrentCallersAreAnsweredAfterTheirCommitAndShareBatches() throws Exception {
        int callers = 64;
        Path file = dir.resolve("people.db");
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try (Database db = People.open(file)) {
            WriterGate gate = new WriterGate();
            gate.hold(db);
            CountDownLatch submitted = new CountDownLatch(callers);
            List<Future<Long>> visibleWhenAnswered = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String name = "caller" + i;
                visibleWhenAnswered.add(threads.submit(() -> {
                    CompletableFuture<Long> answer = db.write(People.insert(name));
                    submitted.countDown();
                    long id = answer.join();
                    // Reads see only committed rows: finding it proves the answer came after COMMIT.
                    return db.read(reader -> People.number(reader, "SELECT count(*) FROM people WHERE id = " + id));
                }));
            }
            submitted.await();
            gate.open();
            for (Future<Long> rowsFound : visibleWhenAnswered) {
                assertEquals(1L, rowsFound.get());
            }
            WriterStats stats = db.writerStats();
            assertEquals(callers + 1, stats.tasksCommitted());
            assertEquals(2, stats.batchesCommitted(), "the gate alone, then all queued callers together");
            assertTrue(stats.maxCommitNanos() > 0);
        } finally {
            threads.shutdown();
        }
        try (Database reopened = People.open(file)) {
            assertEquals(callers, People.count(reopened, "people"));
        }
    }

    /** On PostgreSQL too, whose writer does not release a task's savepoint: each rollback goes to its own. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aFailingTaskIsRolledBackAloneAndTheRestOfTheBatchCommits(String store) throws Exception {
        StoreLocation location = store.equals("sqlite") ? new StoreLocation.SqliteFile(dir.resolve("people.db"))
                : TestPostgresql.shared().freshSchema();
        try (Database db = People.open(StoreSettings.defaults(location))) {
            WriterGate gate = new WriterGate();
            gate.hold(db);
            CompletableFuture<Long> ann = db.write(People.insert("ann"));
            CompletableFuture<Long> bob = db.write(writer -> {
                People.insert(writer, "bob");
                throw new IllegalStateException("bob changed his mind");
            });
            CompletableFuture<Long> dan = db.write(writer -> {
                People.insert(writer, "dan");
                return People.insert(writer, "ann"); // UNIQUE violation: a failing statement
            });
            CompletableFuture<Long> cid = db.write(People.insert("cid"));
            gate.open();

            ann.join();
            cid.join();
            Throwable bobFailure = assertThrows(CompletionException.class, bob::join).getCause();
            assertInstanceOf(IllegalStateException.class, bobFailure);
            assertEquals("bob changed his mind", bobFailure.getMessage());
            assertInstanceOf(java.sql.SQLException.class, assertThrows(CompletionException.class, dan::join).getCause());
            assertEquals(List.of("ann", "cid"), People.names(db));
            WriterStats stats = db.writerStats();
            assertEquals(2, stats.batchesCommitted());
            assertEquals(2, stats.tasksFailed());
        }
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        try (Database db = People.open(StoreSettings.defaults(dir.resolve("people.db")).withQueueCapacity(4))) {
            WriterGate gate = new WriterGate();
            gate.hold(db);
            List<CompletableFuture<Long>> queued = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                queued.add(db.write(People.insert("queued" + i)));
            }
            CompletableFuture<Long> refused = db.write(People.insert("one too many"));

            assertTrue(refused.isCompletedExceptionally(), "refused before the writer moved");
            Throwable cause = assertThrows(CompletionException.class, refused::join).getCause();
            assertInstanceOf(StoreBusyException.class, cause);
            assertTrue(cause.getMessage().contains("queue is full"), cause.getMessage());
            gate.open();
            queued.forEach(CompletableFuture::join);
            db.write(People.insert("later")).join();
            assertEquals(5, People.count(db, "people"));
        }
    }

    @Test
    void aFailedCommitFailsTheWholeBatchAndTheWriterCarriesOn() throws Exception {
        try (Database db = People.open(dir.resolve("people.db"))) {
            WriterGate gate = new WriterGate();
            gate.hold(db);
            CompletableFuture<Long> ann = db.write(People.insert("ann"));
            CompletableFuture<Void> dangling = db.write(writer -> {
                People.insertPet(writer, 999, "stray"); // deferred foreign key: only COMMIT notices
                return null;
            });
            gate.open();

            for (CompletableFuture<?> write : List.of(ann, dangling)) {
                Throwable cause = assertThrows(CompletionException.class, write::join).getCause();
                assertInstanceOf(StoreUnavailableException.class, cause);
                assertTrue(cause.getMessage().contains("failed at COMMIT"), cause.getMessage());
                assertTrue(cause.getMessage().contains("nothing of this batch of 2 writes was written"),
                        cause.getMessage());
            }
            assertEquals(0, People.count(db, "people"));
            assertEquals(0, People.count(db, "pets"));
            assertEquals(1, db.writerStats().batchesFailed());

            long bob = db.write(People.insert("bob")).join();
            db.write(writer -> {
                People.insertPet(writer, bob, "rex");
                return null;
            }).join();
            assertEquals(List.of("bob"), People.names(db));
            assertEquals(1, People.count(db, "pets"));
        }
    }

    @Test
    void closeCommitsWhatIsQueuedAndRefusesNewWrites() throws Exception {
        Path file = dir.resolve("people.db");
        Database db = People.open(file);
        WriterGate gate = new WriterGate();
        gate.hold(db);
        List<CompletableFuture<Long>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(db.write(People.insert("queued" + i)));
        }
        Thread closer = new Thread(db::close);
        closer.start();
        CompletableFuture<Long> afterClose = awaitRefusal(db);
        gate.open();
        closer.join();

        queued.forEach(CompletableFuture::join);
        Throwable cause = assertThrows(CompletionException.class, afterClose::join).getCause();
        assertInstanceOf(StoreUnavailableException.class, cause);
        assertTrue(cause.getMessage().contains("closed"), cause.getMessage());
        try (Database reopened = People.open(file)) {
            long queuedRows = reopened.read(reader -> People.number(reader,
                    "SELECT count(*) FROM people WHERE name LIKE 'queued%'"));
            assertEquals(10, queuedRows);
        }
    }

    /** Probes until the closing store refuses a write as closed; probes accepted before that are harmless. */
    private static CompletableFuture<Long> awaitRefusal(Database db) {
        while (true) {
            CompletableFuture<Long> probe = db.write(writer -> 0L);
            if (probe.isCompletedExceptionally() && !refusedAsBusy(probe)) {
                return probe;
            }
            Thread.yield();
        }
    }

    private static boolean refusedAsBusy(CompletableFuture<?> probe) {
        return probe.handle((result, failure) -> failure instanceof StoreBusyException).join();
    }

    @Test
    void aTaskThatFailsInTheDatabaseMakesTheNextBatchTakeANewConnection() {
        try (Database db = People.open(dir.resolve("people.db"))) {
            Connection first = db.write(writer -> writer).join();
            assertEquals(first, db.write(writer -> writer).join(), "a healthy writer keeps its connection");
            db.write(People.insert("ann")).join();
            CompletionException failed = assertThrows(CompletionException.class, () -> db.write(writer -> {
                People.insert(writer, "bob");
                throw new StoreUnavailableException("writing the ledger failed: simulated", null);
            }).join());
            assertInstanceOf(StoreUnavailableException.class, failed.getCause());
            Connection after = db.write(writer -> writer).join();
            assertTrue(first != after, "the connection a database error came from is not trusted again");
            assertEquals(List.of("ann"), People.names(db), "the failed task alone was rolled back");
        }
    }
}
