package org.allocd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The burn-rate forecast's arithmetic. */
class ForecastTest {
    private static final long SU = 1_000_000;
    private static final long NOW = 1_800_000_000_000L;
    private static final long WEEK_MILLIS = 7 * Forecast.DAY_MILLIS;

    @Test
    void runsOutWhenTheRateSpendsWhatIsAvailable() {
        // 70 SU in a week is 10 SU a day: 25 SU last 2.5 days
        assertEquals(NOW + 5 * Forecast.DAY_MILLIS / 2, Forecast.runoutMillis(25 * SU, 70 * SU, WEEK_MILLIS, NOW));
    }

    @Test
    void roundsDownToTheMillisecond() {
        // 1 uSU at 3 uSU a week: a third of a week, rounded down
        assertEquals(NOW + WEEK_MILLIS / 3, Forecast.runoutMillis(1, 3, WEEK_MILLIS, NOW));
    }

    @Test
    void noChargesMeansNoForecastAndNothingLeftMeansNow() {
        assertNull(Forecast.runoutMillis(25 * SU, 0, WEEK_MILLIS, NOW));
        assertNull(Forecast.runoutMillis(25 * SU, -3 * SU, WEEK_MILLIS, NOW)); // refunds outweigh charges
        assertEquals(NOW, Forecast.runoutMillis(0, 70 * SU, WEEK_MILLIS, NOW));
        assertEquals(NOW, Forecast.runoutMillis(-4 * SU, 70 * SU, WEEK_MILLIS, NOW));
    }

    @Test
    void aHugeBalanceAtATinyRateIsNeverRatherThanAnOverflow() {
        assertNull(Forecast.runoutMillis(100_000L * 1_000_000_000L * SU, 1, 366 * Forecast.DAY_MILLIS, NOW));
    }
}
