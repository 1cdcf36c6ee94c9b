package org.allocd.slurm;

import org.allocd.ledger.MicroSu;

/**
 * The mapping between SU and Slurm's billing TRES minutes used by the QOS
 * mode. With TRESBillingWeights that make a job's billing equal to its units
 * (GH200-equivalents, see docs/short-funds.md), one SU (a unit-hour) is 60
 * billing-minutes. Rounded down, so Slurm never lets through more than the
 * ledger holds.
 */
public final class BillingMinutes {
    public static final long PER_SU = 60;

    private BillingMinutes() {}

    public static long fromMicroSu(long amountMicroSu) {
        if (amountMicroSu <= 0) {
            return 0;
        }
        return Math.multiplyExact(amountMicroSu / MicroSu.PER_SU, PER_SU)
                + (amountMicroSu % MicroSu.PER_SU) * PER_SU / MicroSu.PER_SU;
    }

    /**
     * The GrpTRESMins=billing limit that lets a new job start exactly when its
     * cost fits the ledger's available money: Slurm's safe check is
     * used + running remainder + job <= limit, and the ledger's available
     * already subtracts the liens of the running jobs.
     */
    public static long limit(long usedMinutes, long runningMinutes, long availableMicroSu) {
        return Math.addExact(Math.addExact(usedMinutes, runningMinutes), fromMicroSu(availableMicroSu));
    }
}
