package org.allocd.charge;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One site rate table with a partition for every situation the tables exercise. */
final class TestRates {
    static final long HOUR = 3600;
    static final Map<String, Multiplier> NODE_CLASSES = Map.of(
            "gh200", Multiplier.parse("1.0"), "a100", Multiplier.parse("0.5"), "h100", Multiplier.parse("0.75"));

    private TestRates() {}

    static ChargeRates site(ChargePolicy policy, boolean allowOverrun) {
        Map<String, PartitionRates> partitions = Stream.of(
                        PartitionRates.defaults("gpu"),
                        partition("exact", Rounding.EXACT, "1", 0, NodeChargePolicy.MIN),
                        partition("capped", Rounding.CEIL, "1", 48 * HOUR, NodeChargePolicy.MIN),
                        partition("rated", Rounding.EXACT, "1.5", 0, NodeChargePolicy.MIN),
                        partition("half", Rounding.EXACT, "0.0018", 0, NodeChargePolicy.MIN),
                        partition("below-half", Rounding.EXACT, "0.001799", 0, NodeChargePolicy.MIN),
                        partition("two-and-half", Rounding.EXACT, "0.009", 0, NodeChargePolicy.MIN),
                        // 0.0036 cancels the 10^6 / 3600 of the SU conversion: amount = units x seconds uSU.
                        partition("one-per-second", Rounding.EXACT, "0.0036", 0, NodeChargePolicy.MIN),
                        partition("classes-min", Rounding.CEIL, "1", 0, NodeChargePolicy.MIN),
                        partition("classes-max", Rounding.CEIL, "1", 0, NodeChargePolicy.MAX),
                        partition("classes-avg", Rounding.CEIL, "1", 0, NodeChargePolicy.AVG))
                .collect(Collectors.toMap(PartitionRates::name, Function.identity()));
        Map<String, Multiplier> qos = Map.of("premium", Multiplier.parse("10.0"), "standby", Multiplier.parse("0.0"));
        return new ChargeRates(partitions, qos, policy, allowOverrun);
    }

    static ChargeCalculator calculator(ChargePolicy policy, boolean allowOverrun) {
        return new ChargeCalculator(site(policy, allowOverrun));
    }

    private static PartitionRates partition(String name, Rounding rounding, String multiplier, long maxTimeLimitSeconds,
            NodeChargePolicy nodeChargePolicy) {
        PartitionRates base = PartitionRates.defaults(name);
        return new PartitionRates(name, base.memPerUnitBytes(), base.cpusPerUnit(), base.unitsPerNode(), rounding,
                Multiplier.parse(multiplier), maxTimeLimitSeconds, NODE_CLASSES, nodeChargePolicy);
    }
}
