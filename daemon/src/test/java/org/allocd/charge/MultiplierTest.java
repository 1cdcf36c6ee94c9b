package org.allocd.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MultiplierTest {

    @ParameterizedTest(name = "\"{0}\" = {1} millionths, prints {2}")
    @CsvSource({
            "1,          1000000,       1",
            "0.5,        500000,        0.5",
            "10.0,       10000000,      10",
            "1.234567,   1234567,       1.234567",
            "1.25,       1250000,       1.25",
            "0,          0,             0",
            "0.0,        0,             0",
            "0.000001,   1,             0.000001",
            "007.50,     7500000,       7.5",
            "9223372036854.775807, 9223372036854775807, 9223372036854.775807",
    })
    void parsesExactDecimals(String text, long millionths, String printed) {
        Multiplier multiplier = Multiplier.parse(text);

        assertEquals(millionths, multiplier.millionths());
        assertEquals(printed, multiplier.toString());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @NullSource
    @ValueSource(strings = {"", "-1", "+1", "1.2345678", ".5", "1.", "1e3", "abc", " 1", "1 ", "1,5", "0x10", "NaN",
            "Infinity", "1.0.0", "9223372036854.775808", "99999999999999999999"})
    void refusesAnythingElseNamingTheTextAndTheForm(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Multiplier.parse(text));

        assertTrue(error.getMessage().contains("\"" + text + "\""), error.getMessage());
        assertTrue(error.getMessage().contains("at most 6 digits after the point")
                || error.getMessage().contains("too large"), error.getMessage());
    }

    @Test
    void oneIsOnePointZero() {
        assertEquals(Multiplier.parse("1.0"), Multiplier.ONE);
        assertEquals(Ratio.ONE, Multiplier.ONE.toRatio());
    }

    @Test
    void refusesNegativeMillionths() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new Multiplier(-1));

        assertTrue(error.getMessage().contains("millionths"), error.getMessage());
    }
}
