package org.allocd.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FallbackPartitionTest {
    @Test
    void partitionNotListedTakesTheDefaultEntry() {
        PartitionRates fallback = new PartitionRates("default", 120_000_000_000L, 72, 4, Rounding.CEIL,
                Multiplier.parse("2"), 0, Map.of(), NodeChargePolicy.MIN);
        ChargeRates rates = new ChargeRates(Map.of("gpu", PartitionRates.defaults("gpu"), "default", fallback),
                Map.of(), ChargePolicy.DEBITALLWC, false);
        JobRequest oneGpuHour = new JobRequest("debug", null, 1, 0, 1, 1, false, 3600, List.of());
        // 1 unit x 1 h x 2.0 = 2 SU
        assertEquals(2_000_000, new ChargeCalculator(rates).lienMicroSu(oneGpuHour));
        assertEquals(fallback, rates.partition("debug"));
    }
}
