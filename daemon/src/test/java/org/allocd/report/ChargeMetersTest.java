package org.allocd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.allocd.charge.Meter;
import org.junit.jupiter.api.Test;

class ChargeMetersTest {
    @Test
    void sumsEachJobIntoItsPartitionsMeterInKeyOrder() {
        ChargeMeters meters = new ChargeMeters();
        List.of(new ChargeMeters.Charge("gh200", Meter.GPU, 3_000_000, 0),
                new ChargeMeters.Charge("gh200", Meter.CPU_MEMORY, 1_500_000, 500_000),
                new ChargeMeters.Charge("gh200", Meter.GPU, 1, 0),
                new ChargeMeters.Charge("cpu", Meter.CPU_MEMORY, 250_000, 0),
                new ChargeMeters.Charge(null, null, 7, 0)).forEach(meters::add);
        List<MeterRow> rows = meters.rows();
        assertEquals(List.of(
                new MeterRow("cpu.cpu", "cpu CPU/memory", "cpu", "cpu", 1, 250_000, 0, 250_000),
                new MeterRow("gh200.cpu", "gh200 CPU/memory", "gh200", "cpu", 1, 1_500_000, 500_000, 1_000_000),
                new MeterRow("gh200.gpu", "gh200 GPU", "gh200", "gpu", 2, 3_000_001, 0, 3_000_001),
                new MeterRow("unrecorded", "jobs without a recorded request", null, null, 1, 7, 0, 7)), rows);
    }

    @Test
    void noChargesNoMeters() {
        assertEquals(List.of(), new ChargeMeters().rows());
    }
}
