package org.allocd.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Amounts are plain decimals (docs/numbers.md): every other form is refused with the form that is taken. */
class AmountFormTest {
    @ParameterizedTest(name = "{0} SU = {1} uSU")
    @CsvSource({"0, 0", "12, 12000000", "12.5, 12500000", "0.000001, 1", "007, 7000000",
            "1000000000, 1000000000000000", "999999999.999999, 999999999999999"})
    void plainDecimalsAreTakenExactly(String text, long microSu) {
        assertEquals(microSu, MicroSu.parse(text));
        assertEquals(microSu, MicroSu.parseSigned(text));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"1e3", "1E3", "1.5e2", "+5", "-5", " 5", "5 ", "5\t", "1 000", "1,5", "1_000", "1'000",
            "0x10", "12.", ".5", ".", "", "1.2345678", "NaN", "Infinity", "12SU", "12 SU",
            "\uff11\uff12", // full-width 12
            "\u0663", // Arabic-Indic 3
            "\u0967\u0968", // Devanagari 12
            "１.5", "5\u00a0", "\u20075", "99999999999999999"})
    void everyOtherFormIsRefusedSayingWhatIsTaken(String text) {
        LedgerException e = assertThrows(LedgerException.class, () -> MicroSu.parse(text));
        assertEquals(Refusal.INVALID_ARGUMENT, e.refusal());
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("ASCII digits") || e.getMessage().contains("more SU than"),
                e.getMessage());
    }

    @ParameterizedTest(name = "''{0}'' is refused where a sign is taken")
    @ValueSource(strings = {"--5", "-+5", "+-5", "- 5", "-", "-1e3", "-\uff15", "−5"})
    void aSignedAmountTakesOnlyALeadingMinus(String text) {
        LedgerException e = assertThrows(LedgerException.class, () -> MicroSu.parseSigned(text));
        assertTrue(e.getMessage().contains("only a leading - for less"), e.getMessage());
    }

    @ParameterizedTest(name = "-{0}")
    @ValueSource(strings = {"5", "0.5", "0.000001"})
    void aLeadingMinusNegates(String text) {
        assertEquals(-MicroSu.parse(text), MicroSu.parseSigned("-" + text));
    }
}
