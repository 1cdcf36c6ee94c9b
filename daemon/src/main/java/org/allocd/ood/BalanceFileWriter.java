package org.allocd.ood;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.allocd.ledger.FundsMoved;
import org.allocd.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ood_balance_file current: rewritten a few seconds after any balance moves (all moves within that
 * wait make one write) and every 5 minutes regardless (new members, expired allocations). Each write goes
 * to a temporary file beside it, is synced, made mode 0644 and renamed over the old one, so the dashboard
 * reads either the old file or the new, never a part. Runs on its own thread: a slow write delays only this.
 */
public final class BalanceFileWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BalanceFileWriter.class);
    /** A change shows within this plus one write's time: inside the 10 s the dashboard is promised. */
    static final long COALESCE_MILLIS = 3_000;
    static final long REFRESH_MILLIS = 5 * 60_000;

    private final Ledger ledger;
    private final Path file;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    private BalanceFileWriter(Ledger ledger, Path file) {
        this.ledger = ledger;
        this.file = file;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "allocd-ood-balances");
            t.setDaemon(true);
            return t;
        });
    }

    /** Writes the file now and then keeps it current; listens to the ledger's fund movements. */
    public static BalanceFileWriter start(Ledger ledger, Path file) {
        BalanceFileWriter writer = new BalanceFileWriter(ledger, file);
        writer.thread.scheduleWithFixedDelay(writer::write, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        ledger.onFundsMoved(writer::fundsMoved);
        log.info("Open OnDemand balance file {}: rewritten within {} s of a balance change and every {} minutes",
                file, COALESCE_MILLIS / 1000 + 1, REFRESH_MILLIS / 60_000);
        return writer;
    }

    private void fundsMoved(FundsMoved moved) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(() -> {
                    scheduled.set(false);
                    write();
                }, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                scheduled.set(false);
            }
        }
    }

    private void write() {
        try {
            long nowMillis = ledger.nowMillis();
            List<BalanceFeed.Entry> entries = ledger.read(view -> BalanceFeed.entries(view, nowMillis));
            if (entries.size() > BalanceFeed.MAX_ENTRIES) {
                log.warn("Open OnDemand balance file {}: more than {} user x account entries; the rest are left out",
                        file, BalanceFeed.MAX_ENTRIES);
            }
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                BalanceFeed.write(entries, nowMillis / 1000, out);
                out.flush();
                channel.force(true);
            }
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename " + temporary + " over " + file + " atomically", e);
            }
            log.debug("Open OnDemand balance file {}: {} entries", file, entries.size());
        } catch (IOException | RuntimeException e) {
            log.warn("Open OnDemand balance file {} not written (the old one stays): {}", file, e.toString());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
