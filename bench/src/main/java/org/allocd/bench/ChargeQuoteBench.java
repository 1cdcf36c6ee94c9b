package org.allocd.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.allocd.charge.ChargeCalculator;
import org.allocd.charge.JobRequest;
import org.allocd.charge.JobUsage;
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
    private final ChargeCalculator calculator = new ChargeCalculator(BenchRates.rates());
    private final JobRequest plain = BenchRates.PLAIN_JOB;
    private final JobRequest classes = new JobRequest("mixed", "premium", 144, 500_000_000_000L, 8, 2, true, 86_400,
            List.of("h100", "gh200"));
    private final JobUsage usage = new JobUsage(600, JobUsage.CPU_SECONDS_UNKNOWN, true);

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
