package org.allocd.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.allocd.charge.ChargeCalculator;
import org.allocd.charge.ChargePolicy;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.JobRequest;
import org.allocd.charge.JobUsage;
import org.allocd.charge.Multiplier;
import org.allocd.charge.NodeChargePolicy;
import org.allocd.charge.PartitionRates;
import org.allocd.charge.Rounding;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The charge formula on every QUOTE, LIEN and CHARGE: a plain job and one spanning node classes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChargeQuoteBench {
    private final ChargeCalculator calculator = new ChargeCalculator(new ChargeRates(
            Map.of("gh200", partition("gh200", Map.of()),
                    "mixed", partition("mixed", Map.of("h100", Multiplier.parse("0.8"), "gh200", Multiplier.ONE))),
            Map.of("normal", Multiplier.ONE, "premium", Multiplier.parse("10")), ChargePolicy.DEBITALLWC, false));
    private final JobRequest plain = new JobRequest("gh200", null, 4, 8_000_000_000L, 0, 1, false, 3600, List.of());
    private final JobRequest classes = new JobRequest("mixed", "premium", 144, 500_000_000_000L, 8, 2, true, 86_400,
            List.of("h100", "gh200"));
    private final JobUsage usage = new JobUsage(600, JobUsage.CPU_SECONDS_UNKNOWN, true);

    private static PartitionRates partition(String name, Map<String, Multiplier> nodeClasses) {
        return new PartitionRates(name, PartitionRates.DEFAULT_MEM_PER_UNIT_BYTES, PartitionRates.DEFAULT_CPUS_PER_UNIT,
                PartitionRates.DEFAULT_UNITS_PER_NODE, Rounding.CEIL, Multiplier.ONE, 172_800, nodeClasses,
                NodeChargePolicy.MIN);
    }

    @Benchmark
    public long quotePlainJob() {
        return calculator.quote(plain).amountMicroSu();
    }

    @Benchmark
    public long quoteNodeClassJob() {
        return calculator.quote(classes).amountMicroSu();
    }

    @Benchmark
    public long chargePlainJob() {
        return calculator.chargeMicroSu(plain, usage);
    }
}
