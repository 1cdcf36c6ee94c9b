package org.allocd.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RatioTest {

    @ParameterizedTest(name = "{0}/{1}: prints {2}, ceil {3}, half-up {4}")
    @CsvSource({
            "0,   7,   0,          0, 0",
            "5,   2,   2.5,        3, 3",   // half-up, not banker's 2
            "7,   2,   3.5,        4, 4",
            "3,   2,   1.5,        2, 2",
            "1,   2,   0.5,        1, 1",
            "1,   3,   0.333333,   1, 0",   // never ends: shown rounded to 6 decimals
            "2,   3,   0.666667,   1, 1",
            "12,  4,   3,          3, 3",
            "100, 10,  10,         10, 10",
            "1,   8,   0.125,      1, 0",
            "1,   1048576, 0.00000095367431640625, 1, 0", // ends (only 2s in the denominator), shown exactly
    })
    void printsCeilsAndRounds(long numerator, long denominator, String printed, long ceil, long halfUp) {
        Ratio ratio = Ratio.of(numerator, denominator);

        assertEquals(printed, ratio.toString());
        assertEquals(Ratio.of(ceil), ratio.ceil());
        assertEquals(BigInteger.valueOf(halfUp), ratio.roundHalfUp());
    }

    @Test
    void keepsLowestTermsSoEqualValuesAreEqual() {
        assertEquals(Ratio.of(1, 2), Ratio.of(36, 72));
        assertEquals(Ratio.ZERO, Ratio.of(0, 5));
        assertEquals(Ratio.of(3, 4), Ratio.of(1, 2).plus(Ratio.of(1, 4)));
        assertEquals(Ratio.of(3, 8), Ratio.of(1, 2).times(Ratio.of(3, 4)));
        assertEquals(Ratio.of(1, 6), Ratio.of(1, 2).dividedBy(3));
        assertEquals(Ratio.of(2, 3), Ratio.of(2, 3).max(Ratio.of(1, 2)));
        assertEquals(Ratio.of(1, 2), Ratio.of(2, 3).min(Ratio.of(1, 2)));
    }

    @Test
    void refusesNegativeValuesAndZeroDenominators() {
        assertThrows(IllegalArgumentException.class, () -> Ratio.of(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Ratio.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Ratio.of(1, -2));
    }
}
