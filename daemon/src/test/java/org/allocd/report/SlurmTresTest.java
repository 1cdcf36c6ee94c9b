package org.allocd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.allocd.charge.JobRequest;
import org.junit.jupiter.api.Test;

class SlurmTresTest {
    private static final long MIB = 1L << 20;

    @Test
    void writesTheRequestInSlurmsOrderAndUnits() {
        assertEquals("cpu=4,mem=8G,node=1,gres/gpu=1", SlurmTres.of(request(4, 8192 * MIB, 1, 1)));
        assertEquals("cpu=1,node=1", SlurmTres.of(request(1, 0, 0, 1)));
        assertEquals("cpu=144,mem=1536M,node=2", SlurmTres.of(request(144, 1536 * MIB, 0, 2)));
    }

    @Test
    void memoryTakesTheLargestExactUnit() {
        assertEquals("1T", SlurmTres.memory(1L << 40));
        assertEquals("300G", SlurmTres.memory(300L << 30));
        assertEquals("1K", SlurmTres.memory(1024));
        assertEquals("1000", SlurmTres.memory(1000));
        assertEquals("1025K", SlurmTres.memory(1025 * 1024));
    }

    private static JobRequest request(int cpus, long memoryBytes, int gpus, int nodes) {
        return new JobRequest("gpu", null, cpus, memoryBytes, gpus, nodes, false, 3600, List.of());
    }
}
