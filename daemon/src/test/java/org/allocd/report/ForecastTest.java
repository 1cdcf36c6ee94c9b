package org.allocd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The burn-rate forecast's arithmetic. */
class ForecastTest {
    private static final long SU = 1_000_000;
    private static final long NOW = 1_800_000_000_000L;
    private static final long WEEK_MS = 7 * Forecast.DAY_MS;

    @Test
    void runsOutWhenTheRateSpendsWhatIsAvailable() {
        // 70 SU in a week is 10 SU a day: 25 SU last 2.5 days
        assertEquals(NOW + 5 * Forecast.DAY_MS / 2, Forecast.runoutMs(25 * SU, 70 * SU, WEEK_MS, NOW));
    }

    @Test
    void roundsDownToTheMillisecond() {
        // 1 uSU at 3 uSU a week: a third of a week, rounded down
        assertEquals(NOW + WEEK_MS / 3, Forecast.runoutMs(1, 3, WEEK_MS, NOW));
    }

    @Test
    void noChargesMeansNoForecastAndNothingLeftMeansNow() {
        assertNull(Forecast.runoutMs(25 * SU, 0, WEEK_MS, NOW));
        assertNull(Forecast.runoutMs(25 * SU, -3 * SU, WEEK_MS, NOW)); // refunds outweigh charges
        assertEquals(NOW, Forecast.runoutMs(0, 70 * SU, WEEK_MS, NOW));
        assertEquals(NOW, Forecast.runoutMs(-4 * SU, 70 * SU, WEEK_MS, NOW));
    }

    @Test
    void aHugeBalanceAtATinyRateIsNeverRatherThanAnOverflow() {
        assertNull(Forecast.runoutMs(100_000L * 1_000_000_000L * SU, 1, 366 * Forecast.DAY_MS, NOW));
    }
}
