package org.allocd.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which term sets a job's units decides its meter; defaults: 120 GB or 72 cores per unit. */
class MeterTest {
    private static final long GB = 1_000_000_000L;
    private static final ChargeCalculator CALCULATOR = TestRates.calculator(ChargePolicy.DEBITALLWC, false);

    private record Case(String why, int gpus, long memoryBytes, int cpus, boolean exclusive, Meter expected) {}

    @Test
    void theWinningTermDecidesAndGpuWinsTies() {
        List<Case> cases = List.of(
                new Case("no GPU", 0, 300 * GB, 16, false, Meter.CPU_MEMORY),
                new Case("memory 2.5 units beats 1 GPU (the worked case)", 1, 300 * GB, 16, false, Meter.CPU_MEMORY),
                new Case("cores 2 units beat 1 GPU", 1, 10 * GB, 144, false, Meter.CPU_MEMORY),
                new Case("1 GPU beats 16 cores and 100 GB", 1, 100 * GB, 16, false, Meter.GPU),
                new Case("tie of 1 GPU and 72 cores", 1, 0, 72, false, Meter.GPU),
                new Case("tie of 2 GPUs and 240 GB", 2, 240 * GB, 1, false, Meter.GPU),
                new Case("exclusive with a GPU", 1, 480 * GB, 288, true, Meter.GPU),
                new Case("exclusive without a GPU", 0, 0, 1, true, Meter.CPU_MEMORY));
        for (Case c : cases) {
            JobRequest job = new JobRequest("gpu", null, c.cpus(), c.memoryBytes(), c.gpus(), 1, c.exclusive(), 3600,
                    List.of());
            assertEquals(c.expected(), CALCULATOR.meter(job), c.why());
        }
    }

    @Test
    void aPartitionNoLongerPricedCountsWithTheSiteDefaults() {
        JobRequest gone = new JobRequest("retired", null, 16, 300 * GB, 1, 1, false, 3600, List.of());
        assertEquals(Meter.CPU_MEMORY, CALCULATOR.meter(gone));
        assertEquals("cpu", Meter.CPU_MEMORY.key());
        assertEquals("GPU", Meter.GPU.label());
    }
}
