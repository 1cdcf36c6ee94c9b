package org.allocd.rates;

import java.util.Objects;
import org.allocd.charge.ChargeCalculator;
import org.allocd.charge.ChargeRates;

/** One version of a cluster's rate table, in effect from effectiveAtMillis until the next version. */
public record RateVersion(int version, long effectiveAtMillis, ChargeRates rates) {
    public RateVersion {
        if (version < 1) {
            throw new IllegalArgumentException("rate versions count from 1, got " + version);
        }
        Objects.requireNonNull(rates, "rates");
    }

    public ChargeCalculator calculator() {
        return new ChargeCalculator(rates);
    }
}
