package org.allocd.charge;

import static org.allocd.charge.TestJob.job;
import static org.allocd.charge.TestRates.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Worked cases for the lien: units x time limit (h) x multipliers, in micro-SU. 1 GB = 10^9 bytes. */
class QuoteTest {
    private static final long GB = 1_000_000_000L;

    static Stream<Arguments> liens() {
        return Stream.of(
                // max(1 GPU, 300/120 = 2.5, 16/72) = 2.5 -> ceil 3; 3 x 1 h = 3 SU
                row("300e9 B + 16 cores + 1 GPU, CEIL", job().memoryBytes(300 * GB).cpus(16).gpus(1), "3", 3_000_000),
                // 2.5 x 1 h = 2.5 SU
                row("300e9 B + 16 cores + 1 GPU, EXACT", job().partition("exact").memoryBytes(300 * GB).cpus(16).gpus(1),
                        "2.5", 2_500_000),
                // --mem=300G = 307200 MiB = 322,122,547,200 B; / 120e9 = 2.68435456 units
                // 2.68435456 SU = 2,684,354.56 uSU -> half-up 2,684,355
                row("--mem=300G, EXACT", job().partition("exact").memoryBytes(SlurmMemory.mibToBytes(307_200))
                        .cpus(16).gpus(1), "2.68435456", 2_684_355),
                // 2.68435456 -> ceil 3 -> 3 SU
                row("--mem=300G, CEIL", job().memoryBytes(SlurmMemory.mibToBytes(307_200)).cpus(16).gpus(1), "3", 3_000_000),
                // 72 / 72 = 1 unit x 1 h
                row("72 cores, 1 h", job().cpus(72), "1", 1_000_000),
                // 73 / 72 = 1.0139 -> ceil 2
                row("73 cores, CEIL", job().cpus(73), "2", 2_000_000),
                // 73 / 72 SU = 1,013,888.888... uSU -> 1,013,889; units print rounded to 6 decimals
                row("73 cores, EXACT", job().partition("exact").cpus(73), "1.013889", 1_013_889),
                // 4 GPUs beat 8/72 cores and 10/120 GB
                row("4 GPUs dominate", job().gpus(4).cpus(8).memoryBytes(10 * GB), "4", 4_000_000),
                // exclusive: 2 nodes x 4 units = 8 units, whatever was asked; 8 x 0.5 h = 4 SU
                row("exclusive 2 nodes, 30 min", job().exclusive().nodes(2).cpus(1).timeLimitSeconds(HOUR / 2), "8",
                        4_000_000),
                // 1 unit x 1 h x premium 10.0
                row("premium QOS 10x", job().gpus(1).qos("premium"), "1", 10_000_000),
                // 1 unit x 1 h x standby 0.0
                row("standby QOS 0.0", job().gpus(1).qos("standby"), "1", 0),
                // a QOS not in the table costs 1.0
                row("unlisted QOS 1.0", job().gpus(1).qos("debug"), "1", 1_000_000),
                // time limit 0 -> partition max 48 h; 1 unit x 48 h
                row("no time limit uses partition max", job().partition("capped").gpus(1).timeLimitSeconds(0), "1",
                        48_000_000),
                // 1 unit x 1 h x partition 1.5 x premium 10 = 15 SU
                row("partition x QOS multipliers", job().partition("rated").gpus(1).qos("premium"), "1", 15_000_000),
                // 1 unit x 1 s x 0.0018 x 10^6 / 3600 = 1800 / 3600 = 0.5 uSU exactly -> half-up 1
                row("exactly .5 uSU rounds up", job().partition("half").gpus(1).timeLimitSeconds(1), "1", 1),
                // 1 unit x 1 s x 0.001799 x 10^6 / 3600 = 1799 / 3600 = 0.49972 uSU -> 0
                row("just below .5 uSU rounds down", job().partition("below-half").gpus(1).timeLimitSeconds(1), "1", 0),
                // 9000 / 3600 = 2.5 uSU -> 3 (half-up, not banker's 2)
                row("2.5 uSU rounds to 3", job().partition("two-and-half").gpus(1).timeLimitSeconds(1), "1", 3),
                // 216e6 B / 120e9 x 1 s x 10^6 / 3600 = 216e6 / 432e6 = 0.5 uSU exactly -> 1
                row("216e6 B for 1 s is .5 uSU", job().partition("exact").memoryBytes(216_000_000).timeLimitSeconds(1),
                        "0.0018", 1),
                // one byte less: 215,999,999 / 432e6 = 0.4999999977 uSU -> 0; the units (0.00179999999166...)
                // print rounded to 6 decimals, but the amount is computed from the exact fraction
                row("one byte less rounds down", job().partition("exact").memoryBytes(215_999_999).timeLimitSeconds(1),
                        "0.0018", 0),
                // node classes gh200 1.0, a100 0.5: MIN 0.5 x 1 unit x 1 h
                row("node classes MIN", job().partition("classes-min").gpus(1).nodeClasses("gh200", "a100"), "1", 500_000),
                // MAX 1.0
                row("node classes MAX", job().partition("classes-max").gpus(1).nodeClasses("gh200", "a100"), "1",
                        1_000_000),
                // AVG (1.0 + 0.5) / 2 = 0.75
                row("node classes AVG", job().partition("classes-avg").gpus(1).nodeClasses("gh200", "a100"), "1", 750_000),
                // AVG (1.0 + 1.0 + 0.5) / 3 = 0.8333... SU = 833,333.33 uSU -> 833,333
                row("node classes AVG per node", job().partition("classes-avg").gpus(1)
                        .nodeClasses("gh200", "gh200", "a100"), "1", 833_333),
                // no classes known for the job: 1.0
                row("no node classes", job().partition("classes-min").gpus(1), "1", 1_000_000),
                // 0.0036 partition: amount = units x seconds uSU; 1 x (2^63 - 1) fits a long exactly
                row("largest amount that fits", job().partition("one-per-second").gpus(1).timeLimitSeconds(Long.MAX_VALUE),
                        "1", Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("liens")
    void lienIsUnitsTimesTimeLimitTimesMultipliers(TestJob job, String expectedUnits, long expectedMicroSu) {
        ChargeCalculator calculator = TestRates.calculator(ChargePolicy.DEBITALLWC, false);

        Quote quote = calculator.quote(job.build());

        assertEquals(expectedUnits, quote.units().toString());
        assertEquals(expectedMicroSu, quote.amountMicroSu());
        assertEquals(expectedMicroSu, calculator.lienMicroSu(job.build()));
    }

    @Test
    void quoteBreaksDownForAUserNote() {
        ChargeCalculator calculator = TestRates.calculator(ChargePolicy.DEBITALLWC, false);
        // 2.5 units x 1 h x 1.5 = 3.75 SU
        Quote quote = calculator.quote(job().partition("rated").memoryBytes(300 * GB).build());

        assertEquals(new Quote(Ratio.of(5, 2), HOUR, Ratio.of(3, 2), 3_750_000), quote);
        assertEquals("2.5 units x 1 h x 1.5 = 3.75 SU", quote.toString());
    }

    @Test
    void quoteTakesThePartitionMaxWhenTheJobGivesNoTimeLimit() {
        Quote quote = TestRates.calculator(ChargePolicy.DEBITALLWC, false)
                .quote(job().partition("capped").gpus(1).timeLimitSeconds(0).build());

        assertEquals(48 * HOUR, quote.secondsCharged());
    }

    private static Arguments row(String name, TestJob job, String expectedUnits, long expectedMicroSu) {
        return Arguments.of(named(name, job), expectedUnits, expectedMicroSu);
    }
}
