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
    private final AtomicLong offsetMillis;

    public TestClock(long startMillis) {
        this(false, startMillis);
    }

    private TestClock(boolean ticking, long offsetMillis) {
        this.ticking = ticking;
        this.offsetMillis = new AtomicLong(offsetMillis);
    }

    /** The system's time, moved forward by {@link #advanceMillis}. */
    public static TestClock ticking() {
        return new TestClock(true, 0);
    }

    public void setMillis(long ms) {
        offsetMillis.set(ticking ? ms - System.currentTimeMillis() : ms);
    }

    public void advanceMillis(long ms) {
        offsetMillis.addAndGet(ms);
    }

    @Override
    public long millis() {
        return ticking ? System.currentTimeMillis() + offsetMillis.get() : offsetMillis.get();
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
