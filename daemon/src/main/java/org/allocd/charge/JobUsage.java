package org.allocd.charge;

/**
 * What a finished job used, from the epilog.
 *
 * @param cpuSecondsUsed total core-seconds busy; -1 = unknown (the CPU policies then count requested cores)
 */
public record JobUsage(long elapsedSeconds, long cpuSecondsUsed, boolean succeeded) {
    public static final long CPU_SECONDS_UNKNOWN = -1;

    public JobUsage {
        if (elapsedSeconds < 0) {
            throw new IllegalArgumentException("elapsedSeconds must be >= 0, got " + elapsedSeconds);
        }
        if (cpuSecondsUsed < CPU_SECONDS_UNKNOWN) {
            throw new IllegalArgumentException("cpuSecondsUsed must be >= 0, or -1 when unknown, got " + cpuSecondsUsed);
        }
    }

    public boolean cpuSecondsKnown() {
        return cpuSecondsUsed != CPU_SECONDS_UNKNOWN;
    }
}
