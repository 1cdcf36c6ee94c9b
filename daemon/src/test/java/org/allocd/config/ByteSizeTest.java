package org.allocd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "0, 0",
        "4096, 4096",
        "4096B, 4096",
        "120GB, 120000000000",
        "120 GB, 120000000000",
        "120gb, 120000000000",
        "1.5TB, 1500000000000",
        "2KB, 2000",
        "3MB, 3000000",
        "1PB, 1000000000000000",
        "1KiB, 1024",
        "1MiB, 1048576",
        "100GiB, 107374182400",
        "300GiB, 322122547200",
        "0.5GiB, 536870912",
        "1TiB, 1099511627776",
        "1PiB, 1125899906842624",
        "9223372036854775807, 9223372036854775807",
    })
    void parsesSizes(String text, long bytes) {
        assertEquals(bytes, ByteSize.parseBytes(text));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "120G|ambiguous; write 120GB for powers of 10 or 120GiB for powers of 2",
        "64m|ambiguous",
        "12XB|unknown unit",
        "''|is not a size",
        "-1GB|is not a size",
        "GB|is not a size",
        "1.000000001KB|not a whole number of bytes",
        "1.5B|not a whole number of bytes",
        "10000PB|too large",
    })
    void refusesWithAFix(String text, String problem) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ByteSize.parseBytes(text));
        assertTrue(error.getMessage().contains(problem), error.getMessage());
    }
}
