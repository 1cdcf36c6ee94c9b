package org.allocd.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Holds the writer thread inside a task until opened, so tests can queue
 * writes behind it and know exactly which ones share the next batch.
 */
final class WriterGate {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    /** Submits the holding task and returns once the writer is inside it. */
    CompletableFuture<Void> hold(Database db) throws InterruptedException {
        CompletableFuture<Void> held = db.write(writer -> {
            entered.countDown();
            opened.await();
            return null;
        });
        entered.await();
        return held;
    }

    void open() {
        opened.countDown();
    }
}
