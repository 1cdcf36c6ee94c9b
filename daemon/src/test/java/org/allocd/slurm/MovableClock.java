package org.allocd.slurm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock plus an offset the test moves forward: liens expire without waiting out their time limit. */
public final class MovableClock extends Clock {
    private volatile long offsetMs;

    public void advance(Duration by) {
        offsetMs += by.toMillis();
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMs;
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
        throw new UnsupportedOperationException("a test clock in UTC");
    }
}
