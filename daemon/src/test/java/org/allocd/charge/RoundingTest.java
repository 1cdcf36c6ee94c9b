package org.allocd.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three roundings side by side. The seed's worked case is DeltaAI's: 300 GB, 16 cores and 1 GPU is
 * max(1, 300/120, 16/72) = 2.5 GH200-equivalents: 3 under ceil, 2.5 exact, 2 under floor (as Slurm bills,
 * and as DeltaAI's page says). Under one unit: ceil and floor charge 1 (floor's minimum), exact the fraction.
 */
class RoundingTest {
    private static final long GB = 1_000_000_000L;

    static Stream<Arguments> cases() {
        TestJob deltaAi = TestJob.job().memoryBytes(300 * GB).cpus(16).gpus(1);
        TestJob oneCpu = TestJob.job().cpus(1);
        TestJob threeGpus = TestJob.job().gpus(3).cpus(8);
        return Stream.of(
                Arguments.of("300 GB + 16 cores + 1 GPU, ceil", deltaAi, Rounding.CEIL, "3", 3_000_000L),
                Arguments.of("300 GB + 16 cores + 1 GPU, exact", deltaAi, Rounding.EXACT, "2.5", 2_500_000L),
                Arguments.of("300 GB + 16 cores + 1 GPU, floor", deltaAi, Rounding.FLOOR, "2", 2_000_000L),
                // 1/72 unit: 1,000,000 / 72 = 13,888.89 uSU -> 13,889
                Arguments.of("1 core, ceil", oneCpu, Rounding.CEIL, "1", 1_000_000L),
                Arguments.of("1 core, exact", oneCpu, Rounding.EXACT, "0.013889", 13_889L),
                Arguments.of("1 core, floor: the one-unit minimum", oneCpu, Rounding.FLOOR, "1", 1_000_000L),
                Arguments.of("3 GPUs, ceil", threeGpus, Rounding.CEIL, "3", 3_000_000L),
                Arguments.of("3 GPUs, exact", threeGpus, Rounding.EXACT, "3", 3_000_000L),
                Arguments.of("3 GPUs, floor", threeGpus, Rounding.FLOOR, "3", 3_000_000L),
                Arguments.of("nothing asked, floor", TestJob.job(), Rounding.FLOOR, "0", 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void unitsAndTheOneHourLien(String name, TestJob job, Rounding rounding, String units, long lienMicroSu) {
        PartitionRates base = PartitionRates.defaults("p");
        PartitionRates partition = new PartitionRates("p", base.memPerUnitBytes(), base.cpusPerUnit(),
                base.unitsPerNode(), rounding, Multiplier.ONE, 0, Map.of(), NodeChargePolicy.MIN);
        ChargeCalculator calculator = new ChargeCalculator(new ChargeRates(Map.of("p", partition), Map.of(),
                ChargePolicy.DEBITALLWC, false));
        Quote quote = calculator.quote(job.partition("p").timeLimitSeconds(3600).build());
        assertEquals(units, quote.units().toString());
        assertEquals(lienMicroSu, quote.amountMicroSu());
    }
}
