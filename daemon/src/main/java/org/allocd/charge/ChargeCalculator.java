package org.allocd.charge;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Turns a job's request and usage into micro-SU (1 SU = one GH200-equivalent for one hour).
 * Every step is an exact fraction; the amount is rounded once, half-up, at the very end.
 */
public final class ChargeCalculator {
    private static final Ratio MICRO_SU_PER_SECOND_UNIT = Ratio.of(1_000_000, 3600);

    private final ChargeRates rates;

    public ChargeCalculator(ChargeRates rates) {
        this.rates = Objects.requireNonNull(rates, "rates");
    }

    /** The lien: reserved units x time limit x multipliers, with its breakdown. */
    public Quote quote(JobRequest job) {
        Objects.requireNonNull(job, "job");
        PartitionRates partition = rates.partition(job.partition());
        Ratio units = reservedUnits(job, partition);
        long seconds = timeLimitSeconds(job, partition);
        Ratio multiplier = multiplier(job, partition);
        return new Quote(units, seconds, multiplier, microSu(units, seconds, multiplier));
    }

    public long lienMicroSu(JobRequest job) {
        return quote(job).amountMicroSu();
    }

    /** The final charge under the site's policy; never above the lien unless the site allows overrun. */
    public long chargeMicroSu(JobRequest job, JobUsage usage) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(usage, "usage");
        PartitionRates partition = rates.partition(job.partition());
        ChargePolicy policy = rates.policy();
        if (usage.elapsedSeconds() == 0 || (!usage.succeeded() && !policy.chargesFailedJobs())) {
            return 0;
        }
        Ratio units = policy.countsBusyCores() ? busyUnits(job, usage, partition) : reservedUnits(job, partition);
        long amountMicroSu = microSu(units, usage.elapsedSeconds(), multiplier(job, partition));
        return rates.allowOverrun() ? amountMicroSu : Math.min(amountMicroSu, lienMicroSu(job));
    }

    /** The meter a job's charge is booked to (see Meter); a partition no longer priced counts with the site defaults. */
    public Meter meter(JobRequest job) {
        Objects.requireNonNull(job, "job");
        PartitionRates partition;
        try {
            partition = rates.partition(job.partition());
        } catch (IllegalArgumentException e) {
            partition = PartitionRates.defaults(job.partition());
        }
        return Meter.of(job, partition);
    }

    /** Units held while the job runs; whole nodes for exclusive jobs and under DEBITALLBLOCKED. */
    private Ratio reservedUnits(JobRequest job, PartitionRates partition) {
        if (rates.policy().chargesWholeNodes()) {
            return wholeNodeUnits(job, partition);
        }
        return requestUnits(job, partition, Ratio.of(job.cpus()));
    }

    /** As reserved, but the cores term counts the cores busy on average (cpu seconds / elapsed). */
    private static Ratio busyUnits(JobRequest job, JobUsage usage, PartitionRates partition) {
        Ratio cores = usage.cpuSecondsKnown()
                ? Ratio.of(usage.cpuSecondsUsed(), usage.elapsedSeconds())
                : Ratio.of(job.cpus());
        return requestUnits(job, partition, cores);
    }

    /** max(GPUs, memory / memory per unit, cores / cores per unit), rounded by the partition; exclusive = whole nodes. */
    private static Ratio requestUnits(JobRequest job, PartitionRates partition, Ratio cores) {
        if (job.exclusive()) {
            return wholeNodeUnits(job, partition);
        }
        Ratio units = Ratio.of(job.gpus())
                .max(Ratio.of(job.memoryBytes(), partition.memPerUnitBytes()))
                .max(cores.dividedBy(partition.cpusPerUnit()));
        return partition.rounding().apply(units);
    }

    private static Ratio wholeNodeUnits(JobRequest job, PartitionRates partition) {
        return Ratio.of((long) partition.unitsPerNode() * job.nodes());
    }

    private static long timeLimitSeconds(JobRequest job, PartitionRates partition) {
        if (job.timeLimitSeconds() > 0) {
            return job.timeLimitSeconds();
        }
        if (partition.maxTimeLimitSeconds() > 0) {
            return partition.maxTimeLimitSeconds();
        }
        throw new IllegalArgumentException("the job needs a time limit (--time) because partition "
                + partition.name() + " has no max time; or give the partition a max time limit");
    }

    /** partition x QOS x node class (the job's classes combined by the partition's node charge policy). */
    private Ratio multiplier(JobRequest job, PartitionRates partition) {
        List<Ratio> perNode = job.nodeClasses().stream()
                .map(nodeClass -> partition.nodeClassMultiplier(nodeClass).toRatio())
                .toList();
        return partition.multiplier().toRatio()
                .times(rates.qosMultiplier(job.qos()).toRatio())
                .times(partition.nodeChargePolicy().combine(perNode));
    }

    /** units x seconds x multiplier x 1,000,000 / 3600, rounded once, half-up. */
    private static long microSu(Ratio units, long seconds, Ratio multiplier) {
        BigInteger amount = units.times(Ratio.of(seconds)).times(multiplier).times(MICRO_SU_PER_SECOND_UNIT)
                .roundHalfUp();
        if (amount.bitLength() >= Long.SIZE) {
            throw new ArithmeticException("a charge of " + amount + " uSU is more than the ledger can hold ("
                    + Long.MAX_VALUE + " uSU); check the job's size and time limit and the multipliers");
        }
        return amount.longValueExact();
    }
}
