package org.allocd.charge;

import java.util.Objects;

/**
 * The cost of a job's request, broken down for a user-facing note:
 * {@code amountMicroSu = units x secondsCharged / 3600 x multiplier x 1,000,000}, rounded once, half-up.
 *
 * @param units          GH200-equivalents charged (after the partition's rounding), exact
 * @param secondsCharged the time limit the lien covers
 * @param multiplier     partition x QOS x node class, exact
 */
public record Quote(Ratio units, long secondsCharged, Ratio multiplier, long amountMicroSu) {
    private static final long SECONDS_PER_HOUR = 3600;
    private static final long MICRO_SU_PER_SU = 1_000_000;

    public Quote {
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(multiplier, "multiplier");
    }

    /** e.g. "2.5 units x 1 h x 1.5 = 3.75 SU". */
    @Override
    public String toString() {
        return units + " units x " + Ratio.of(secondsCharged, SECONDS_PER_HOUR) + " h x " + multiplier
                + " = " + Ratio.of(amountMicroSu, MICRO_SU_PER_SU) + " SU";
    }
}
