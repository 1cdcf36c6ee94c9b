package org.allocd.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand, so windows and expiry are tested without sleeping. */
public final class TestClock extends Clock {
    private final AtomicLong nowMs;

    public TestClock(long startMs) {
        this.nowMs = new AtomicLong(startMs);
    }

    public void setMs(long ms) {
        nowMs.set(ms);
    }

    public void advanceMs(long ms) {
        nowMs.addAndGet(ms);
    }

    @Override
    public long millis() {
        return nowMs.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(nowMs.get());
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
