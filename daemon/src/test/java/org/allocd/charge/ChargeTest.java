package org.allocd.charge;

import static org.allocd.charge.ChargePolicy.DEBITALLBLOCKED;
import static org.allocd.charge.ChargePolicy.DEBITALLCPU;
import static org.allocd.charge.ChargePolicy.DEBITALLWC;
import static org.allocd.charge.ChargePolicy.DEBITSUCCESSFULCPU;
import static org.allocd.charge.ChargePolicy.DEBITSUCCESSFULWC;
import static org.allocd.charge.JobUsage.CPU_SECONDS_UNKNOWN;
import static org.allocd.charge.TestJob.job;
import static org.allocd.charge.TestRates.HOUR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Worked cases for the final charge under each policy, in micro-SU. */
class ChargeTest {
    private static final long GB = 1_000_000_000L;
    private static final boolean CAPPED = false;
    private static final boolean OVERRUN = true;

    /** 144 cores = 2 units, one node, 2 h limit; a 1 h run keeping 36 cores busy used 36 x 3600 core-seconds. */
    private static TestJob twoUnitJob() {
        return job().cpus(144).timeLimitSeconds(2 * HOUR);
    }

    private static final long BUSY_36_CORES_1_HOUR = 36 * HOUR;

    static Stream<Arguments> charges() {
        JobUsage ok = new JobUsage(HOUR, BUSY_36_CORES_1_HOUR, true);
        JobUsage failed = new JobUsage(HOUR, BUSY_36_CORES_1_HOUR, false);
        return Stream.of(
                // 2 units x 1 h
                row("WC, succeeded", DEBITALLWC, CAPPED, twoUnitJob(), ok, 2_000_000),
                row("WC, failed is charged too", DEBITALLWC, CAPPED, twoUnitJob(), failed, 2_000_000),
                // 2 units x 0.5 h
                row("WC, half an hour", DEBITALLWC, CAPPED, twoUnitJob(), new JobUsage(HOUR / 2, -1, true), 1_000_000),
                row("WC, zero elapsed", DEBITALLWC, CAPPED, twoUnitJob(), new JobUsage(0, 0, true), 0),
                row("SUCCESSFULWC, succeeded", DEBITSUCCESSFULWC, CAPPED, twoUnitJob(), ok, 2_000_000),
                row("SUCCESSFULWC, failed is free", DEBITSUCCESSFULWC, CAPPED, twoUnitJob(), failed, 0),
                // busy cores 36 x 3600 / 3600 = 36; 36 / 72 = 0.5 -> ceil 1 unit x 1 h
                row("ALLCPU, succeeded", DEBITALLCPU, CAPPED, twoUnitJob(), ok, 1_000_000),
                row("ALLCPU, failed is charged too", DEBITALLCPU, CAPPED, twoUnitJob(), failed, 1_000_000),
                // 0.5 unit exact x 1 h
                row("ALLCPU, EXACT partition", DEBITALLCPU, CAPPED, twoUnitJob().partition("exact"), ok, 500_000),
                // cpu time unknown: requested 144 cores = 2 units x 1 h
                row("ALLCPU, cpu time unknown", DEBITALLCPU, CAPPED, twoUnitJob(),
                        new JobUsage(HOUR, CPU_SECONDS_UNKNOWN, true), 2_000_000),
                // only the cores term changes: max(240/120 = 2 GB units, 0.5 busy) = 2 units x 1 h
                row("ALLCPU, memory still counts", DEBITALLCPU, CAPPED, twoUnitJob().memoryBytes(240 * GB), ok, 2_000_000),
                // exclusive jobs hold whole nodes under every policy: 1 node x 4 units x 1 h
                row("ALLCPU, exclusive", DEBITALLCPU, CAPPED, twoUnitJob().exclusive().timeLimitSeconds(HOUR), ok,
                        4_000_000),
                // 288 busy cores (hyperthreads) = 4 units x 2 h = 8 SU, capped at the lien 2 units x 2 h = 4 SU
                row("ALLCPU, more busy than asked is capped", DEBITALLCPU, CAPPED, twoUnitJob(),
                        new JobUsage(2 * HOUR, 288 * 2 * HOUR, true), 4_000_000),
                row("SUCCESSFULCPU, succeeded", DEBITSUCCESSFULCPU, CAPPED, twoUnitJob(), ok, 1_000_000),
                row("SUCCESSFULCPU, failed is free", DEBITSUCCESSFULCPU, CAPPED, twoUnitJob(), failed, 0),
                // 1 node x 4 units x 1 h, whatever the job asked
                row("BLOCKED, one node", DEBITALLBLOCKED, CAPPED, twoUnitJob(), ok, 4_000_000),
                // 2 nodes x 4 units x 1 h
                row("BLOCKED, two nodes, failed", DEBITALLBLOCKED, CAPPED, job().cpus(1).nodes(2), failed, 8_000_000),
                // 1 unit x 1 h x 10
                row("premium QOS charge", DEBITALLWC, CAPPED, job().gpus(1).qos("premium"), ok, 10_000_000),
                row("standby QOS charge", DEBITALLWC, CAPPED, job().gpus(1).qos("standby"), ok, 0),
                // node classes: MIN of (1.0, 0.5) x 1 unit x 1 h
                row("node classes in the charge", DEBITALLWC, CAPPED,
                        job().partition("classes-min").gpus(1).nodeClasses("gh200", "a100"), ok, 500_000),
                // 1 unit, limit 1 h, ran 2 h: 2 SU capped at the 1 SU lien
                row("overrun capped at the lien", DEBITALLWC, CAPPED, job().gpus(1), new JobUsage(2 * HOUR, -1, true),
                        1_000_000),
                // same, the site allows overrun: 1 unit x 2 h
                row("overrun allowed", DEBITALLWC, OVERRUN, job().gpus(1), new JobUsage(2 * HOUR, -1, true), 2_000_000),
                // no time limit, no partition max: nothing to cap at, so only an overrun site can charge it
                row("overrun allowed, no time limit anywhere", DEBITALLWC, OVERRUN, job().gpus(1).timeLimitSeconds(0),
                        new JobUsage(HOUR, -1, true), 1_000_000),
                // half-up once at the end: 1 unit x 1 s x 0.0018 x 10^6 / 3600 = 0.5 uSU -> 1
                row("charge rounds .5 uSU up", DEBITALLWC, CAPPED, job().partition("half").gpus(1),
                        new JobUsage(1, -1, true), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("charges")
    void chargeFollowsThePolicy(ChargePolicy policy, boolean allowOverrun, TestJob job, JobUsage usage,
            long expectedMicroSu) {
        ChargeCalculator calculator = TestRates.calculator(policy, allowOverrun);

        assertEquals(expectedMicroSu, calculator.chargeMicroSu(job.build(), usage));
    }

    static Stream<Arguments> liensByPolicy() {
        return Stream.of(
                // 144 cores = 2 units x 2 h
                Arguments.of(DEBITALLWC, 4_000_000),
                // the CPU policies reserve what was asked: busy cores are only known at the end
                Arguments.of(DEBITALLCPU, 4_000_000),
                // whole node: 4 units x 2 h
                Arguments.of(DEBITALLBLOCKED, 8_000_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("liensByPolicy")
    void lienReservesWhatThePolicyCanCharge(ChargePolicy policy, long expectedMicroSu) {
        assertEquals(expectedMicroSu, TestRates.calculator(policy, CAPPED).lienMicroSu(twoUnitJob().build()));
    }

    private static Arguments row(String name, ChargePolicy policy, boolean allowOverrun, TestJob job, JobUsage usage,
            long expectedMicroSu) {
        return Arguments.of(named(name, policy), allowOverrun, job, usage, expectedMicroSu);
    }
}
