package org.allocd.figures;

import java.util.List;
import org.allocd.report.UserCharge;

/**
 * One account's money over [fromMillis, toMillis), each figure as docs/numbers.md defines it. scope is "own"
 * (the account's journal alone) or "subtree" (the account and every account below it, summed).
 * Every amount is signed as it moves the balance (withdrawn, transferredOut, charged and expired are
 * never positive), so balance = opening + the sum of the ten figures between them.
 * toMillis is never later than the moment the figures were made (a period not over yet is shown up to now).
 * openLiens, creditLimit and available are the account's now, so they are null for a period that
 * ended before now; notYetActive is the money of allocations deposited before toMillis that start at or after it.
 */
public record Figures(String account, String scope, long fromMillis, long toMillis, long openingMicroSu,
        long depositedMicroSu, long withdrawnMicroSu, long transferredInMicroSu, long transferredOutMicroSu,
        long chargedMicroSu, long refundedMicroSu, long adjustedMicroSu, long expiredMicroSu, long billedMicroSu,
        long balanceMicroSu, long notYetActiveMicroSu, Long openLiensMicroSu, Long creditLimitMicroSu,
        Long availableMicroSu, List<UserCharge> chargesByUser, List<Upcoming> upcoming) {

    public static final String OWN = "own";
    public static final String SUBTREE = "subtree";

    /** The right-hand side of the balance identity; equal to balanceMicroSu by construction. */
    public long sumOfColumnsMicroSu() {
        return openingMicroSu + depositedMicroSu + withdrawnMicroSu + transferredInMicroSu + transferredOutMicroSu
                + chargedMicroSu + refundedMicroSu + adjustedMicroSu + expiredMicroSu + billedMicroSu;
    }
}
