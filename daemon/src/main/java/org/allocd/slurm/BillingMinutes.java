package org.allocd.slurm;

import org.allocd.ledger.MicroSu;

/**
 * The mapping between SU and Slurm's billing TRES minutes used by the QOS
 * mode. With TRESBillingWeights that make a job's billing its units
 * (GH200-equivalents) times billingPerUnit (qos_billing_per_unit, see
 * docs/short-funds.md), one SU (a unit-hour) is 60 x billingPerUnit
 * billing-minutes. Slurm keeps a job's billing as a whole number, so a scale
 * above 1 (e.g. 72, the cores of a unit) is what lets a 1-core job count at
 * all. Rounded down, so Slurm never lets through more than the ledger holds.
 */
public final class BillingMinutes {
    public static final long PER_SU = 60;

    private BillingMinutes() {}

    public static long fromMicroSu(long amountMicroSu, int billingPerUnit) {
        if (amountMicroSu <= 0) {
            return 0;
        }
        long perSu = PER_SU * billingPerUnit;
        return Math.addExact(Math.multiplyExact(amountMicroSu / MicroSu.PER_SU, perSu),
                (amountMicroSu % MicroSu.PER_SU) * perSu / MicroSu.PER_SU);
    }

    /**
     * The GrpTRESMins=billing limit that lets a new job start exactly when its
     * cost fits the ledger's available money: Slurm's safe check is
     * used + running remainder + job <= limit, and the ledger's available
     * already subtracts the liens of the running jobs.
     */
    public static long limit(long usedMinutes, long runningMinutes, long availableMicroSu, int billingPerUnit) {
        return Math.addExact(Math.addExact(usedMinutes, runningMinutes), fromMicroSu(availableMicroSu,
                billingPerUnit));
    }
}
