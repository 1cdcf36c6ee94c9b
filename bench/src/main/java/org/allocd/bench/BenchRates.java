package org.allocd.bench;

import java.util.List;
import java.util.Map;
import org.allocd.charge.ChargePolicy;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.JobRequest;
import org.allocd.charge.JobUsage;
import org.allocd.charge.Multiplier;
import org.allocd.charge.NodeChargePolicy;
import org.allocd.charge.PartitionRates;
import org.allocd.charge.Rounding;

/** The rates and the job every benchmark charges: the shipped defaults, as in conf/allocd.conf. */
final class BenchRates {
    /** 4 CPUs, 8 GB, 1 hour on gh200: 1 unit, 1 SU; the same job hookload sends. */
    static final JobRequest PLAIN_JOB = new JobRequest("gh200", null, 4, 8_000_000_000L, 0, 1, false, 3600, List.of());
    /** It ran 60 s and succeeded. */
    static final JobUsage PLAIN_USAGE = new JobUsage(60, JobUsage.CPU_SECONDS_UNKNOWN, true);

    private BenchRates() {}

    static ChargeRates rates() {
        return new ChargeRates(
                Map.of("gh200", partition("gh200", Map.of()),
                        "mixed", partition("mixed", Map.of("h100", Multiplier.parse("0.8"), "gh200", Multiplier.ONE))),
                Map.of("normal", Multiplier.ONE, "premium", Multiplier.parse("10")), ChargePolicy.DEBITALLWC, false);
    }

    private static PartitionRates partition(String name, Map<String, Multiplier> nodeClasses) {
        return new PartitionRates(name, PartitionRates.DEFAULT_MEM_PER_UNIT_BYTES, PartitionRates.DEFAULT_CPUS_PER_UNIT,
                PartitionRates.DEFAULT_UNITS_PER_NODE, Rounding.CEIL, Multiplier.ONE, 172_800, nodeClasses,
                NodeChargePolicy.MIN);
    }
}
