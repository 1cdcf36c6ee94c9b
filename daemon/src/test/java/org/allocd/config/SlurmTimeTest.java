package org.allocd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlurmTimeTest {

    @ParameterizedTest(name = "{0} = {1} s")
    @CsvSource({
        "0, 0",
        "30, 1800",
        "90, 5400",
        "1:30, 90",
        "90:00, 5400",
        "01:00:00, 3600",
        "12:34:56, 45296",
        "100:00:00, 360000",
        "1-0, 86400",
        "2-12, 216000",
        "1-02:30, 95400",
        "2-00:00:00, 172800",
        "7-23:59:59, 691199",
        "UNLIMITED, 0",
        "unlimited, 0",
        "INFINITE, 0",
        "' 45 ', 2700",
    })
    void parsesSlurmFormats(String text, long seconds) {
        assertEquals(seconds, SlurmTime.parseSeconds(text));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "''|is not a Slurm time",
        "abc|is not a Slurm time",
        "-5|is not a Slurm time",
        "1.5|is not a Slurm time",
        "1:2:3:4|is not a Slurm time",
        "1-|is not a Slurm time",
        "1-2:3:4:5|is not a Slurm time",
        "10:60|has 60 where at most 59 fits",
        "1:60:00|has 60 where at most 59 fits",
        "1:00:60|has 60 where at most 59 fits",
        "1-24|has 24 where at most 23 fits",
        "99999999999|longer than Slurm can express",
    })
    void refusesWithTheFormats(String text, String problem) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SlurmTime.parseSeconds(text));
        assertTrue(error.getMessage().contains(problem), error.getMessage());
        assertTrue(error.getMessage().contains("UNLIMITED"), error.getMessage());
    }
}
