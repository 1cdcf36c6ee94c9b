package org.allocd.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlurmMemoryTest {

    @ParameterizedTest(name = "{0} MiB = {1} bytes")
    @CsvSource({
            "0,      0",
            "1,      1048576",
            "307200, 322122547200", // --mem=300G: 300 x 1024 MiB x 1,048,576 = 322.1 GB, not 300 GB
            "8796093022207, 9223372036853727232", // the largest MiB count that fits
    })
    void convertsMibToBytes(long mib, long bytes) {
        assertEquals(bytes, SlurmMemory.mibToBytes(mib));
    }

    @Test
    void refusesNegativeAndOverflowingSizes() {
        assertThrows(IllegalArgumentException.class, () -> SlurmMemory.mibToBytes(-1));
        assertThrows(ArithmeticException.class, () -> SlurmMemory.mibToBytes(8_796_093_022_208L));
    }
}
