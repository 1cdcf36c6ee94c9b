package org.allocd.charge;

import static org.allocd.charge.TestJob.job;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal names what was wrong, so an admin or user can fix it. */
class BadInputTest {
    private static final ChargeCalculator CALCULATOR = TestRates.calculator(ChargePolicy.DEBITALLWC, false);
    private static final ChargeCalculator OVERRUN_CALCULATOR = TestRates.calculator(ChargePolicy.DEBITALLWC, true);
    private static final JobUsage ONE_HOUR = new JobUsage(3600, -1, true);

    static Stream<Arguments> refusals() {
        PartitionRates gpu = PartitionRates.defaults("gpu");
        return Stream.of(
                refused("unknown partition", IllegalArgumentException.class,
                        () -> CALCULATOR.quote(job().partition("nope").build()), "\"nope\"", "capped", "gpu"),
                refused("unknown partition at charge", IllegalArgumentException.class,
                        () -> CALCULATOR.chargeMicroSu(job().partition("nope").build(), ONE_HOUR), "\"nope\""),
                refused("unknown node class", IllegalArgumentException.class,
                        () -> CALCULATOR.quote(job().partition("classes-min").nodeClasses("gh200", "x100").build()),
                        "\"x100\"", "[a100, gh200, h100]"),
                refused("no time limit and no partition max", IllegalArgumentException.class,
                        () -> CALCULATOR.quote(job().gpus(1).timeLimitSeconds(0).build()), "time limit", "max time"),
                refused("no time limit at a capped charge", IllegalArgumentException.class,
                        () -> CALCULATOR.chargeMicroSu(job().gpus(1).timeLimitSeconds(0).build(), ONE_HOUR),
                        "time limit"),
                // 0.0036 partition: amount = units x seconds uSU; 2 x (2^63 - 1) does not fit
                refused("lien overflows a long", ArithmeticException.class,
                        () -> CALCULATOR.quote(job().partition("one-per-second").gpus(2).timeLimitSeconds(Long.MAX_VALUE)
                                .build()), "18446744073709551614 uSU", "9223372036854775807"),
                // Integer.MAX_VALUE GPUs x (2^63 - 1) s
                refused("charge overflows a long", ArithmeticException.class,
                        () -> OVERRUN_CALCULATOR.chargeMicroSu(job().gpus(Integer.MAX_VALUE).build(),
                                new JobUsage(Long.MAX_VALUE, -1, true)), "uSU"),
                refused("negative cpus", IllegalArgumentException.class, () -> job().cpus(-1).build(), "cpus", "-1"),
                refused("negative memoryBytes", IllegalArgumentException.class,
                        () -> job().memoryBytes(-1).build(), "memoryBytes"),
                refused("negative gpus", IllegalArgumentException.class, () -> job().gpus(-2).build(), "gpus", "-2"),
                refused("negative timeLimitSeconds", IllegalArgumentException.class,
                        () -> job().timeLimitSeconds(-60).build(), "timeLimitSeconds"),
                refused("zero nodes", IllegalArgumentException.class, () -> job().nodes(0).build(), "nodes"),
                refused("no partition", IllegalArgumentException.class, () -> job().partition(null).build(), "partition"),
                refused("null node classes", IllegalArgumentException.class,
                        () -> new JobRequest("gpu", null, 1, 0, 0, 1, false, 60, null), "nodeClasses"),
                refused("negative elapsedSeconds", IllegalArgumentException.class,
                        () -> new JobUsage(-1, 0, true), "elapsedSeconds"),
                refused("cpuSecondsUsed below -1", IllegalArgumentException.class,
                        () -> new JobUsage(60, -2, true), "cpuSecondsUsed"),
                refused("zero memPerUnitBytes", IllegalArgumentException.class,
                        () -> new PartitionRates("p", 0, 72, 4, Rounding.CEIL, Multiplier.ONE, 0, Map.of(),
                                NodeChargePolicy.MIN), "memPerUnitBytes", "partition p"),
                refused("zero cpusPerUnit", IllegalArgumentException.class,
                        () -> new PartitionRates("p", 1, 0, 4, Rounding.CEIL, Multiplier.ONE, 0, Map.of(),
                                NodeChargePolicy.MIN), "cpusPerUnit"),
                refused("zero unitsPerNode", IllegalArgumentException.class,
                        () -> new PartitionRates("p", 1, 72, 0, Rounding.CEIL, Multiplier.ONE, 0, Map.of(),
                                NodeChargePolicy.MIN), "unitsPerNode"),
                refused("negative maxTimeLimitSeconds", IllegalArgumentException.class,
                        () -> new PartitionRates("p", 1, 72, 4, Rounding.CEIL, Multiplier.ONE, -1, Map.of(),
                                NodeChargePolicy.MIN), "maxTimeLimitSeconds"),
                refused("missing rounding", IllegalArgumentException.class,
                        () -> new PartitionRates("p", 1, 72, 4, null, Multiplier.ONE, 0, Map.of(),
                                NodeChargePolicy.MIN), "rounding"),
                refused("blank partition name", IllegalArgumentException.class,
                        () -> PartitionRates.defaults(" "), "partition name"),
                refused("rates filed under another name", IllegalArgumentException.class,
                        () -> new ChargeRates(Map.of("cpu", gpu), Map.of(), ChargePolicy.DEBITALLWC, false),
                        "\"cpu\"", "\"gpu\""),
                refused("no partitions", IllegalArgumentException.class,
                        () -> new ChargeRates(Map.of(), Map.of(), ChargePolicy.DEBITALLWC, false), "at least one partition"),
                refused("no policy", IllegalArgumentException.class,
                        () -> new ChargeRates(Map.of("gpu", gpu), Map.of(), null, false), "policy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithAMessageNamingTheProblem(Executable action, Class<? extends Throwable> type, List<String> fragments) {
        Throwable error = assertThrows(type, action);

        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment), () -> "\"" + fragment + "\" not in: " + error.getMessage());
        }
    }

    private static Arguments refused(String name, Class<? extends Throwable> type, Executable action,
            String... fragments) {
        return Arguments.of(named(name, action), type, List.of(fragments));
    }
}
