package org.allocd.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tests' one clock, moved by hand so windows and expiry are tested without sleeping. Stopped at a given time,
 * or {@link #ticking()}: the system clock plus an offset, for tests where a real Slurm keeps real time.
 */
public final class TestClock extends Clock {
    private final boolean ticking;
    /** Stopped: the time itself; ticking: what is added to the system clock. */
    private final AtomicLong offsetMs;

    public TestClock(long startMs) {
        this(false, startMs);
    }

    private TestClock(boolean ticking, long offsetMs) {
        this.ticking = ticking;
        this.offsetMs = new AtomicLong(offsetMs);
    }

    /** The system's time, moved forward by {@link #advanceMs}. */
    public static TestClock ticking() {
        return new TestClock(true, 0);
    }

    public void setMs(long ms) {
        offsetMs.set(ticking ? ms - System.currentTimeMillis() : ms);
    }

    public void advanceMs(long ms) {
        offsetMs.addAndGet(ms);
    }

    @Override
    public long millis() {
        return ticking ? System.currentTimeMillis() + offsetMs.get() : offsetMs.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
