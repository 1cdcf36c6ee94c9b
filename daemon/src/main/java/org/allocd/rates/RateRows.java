package org.allocd.rates;

import java.util.List;

/** The rate versions of each cluster, in the store. */
public interface RateRows {
    /** The versions of one cluster (null: of every cluster), by cluster then oldest first. */
    List<Stored> rateVersions(String cluster);

    void insertRateVersion(Stored version);

    /** A version as stored: rates is the canonical text of {@link RatesText}. */
    record Stored(String cluster, int version, long effectiveAtMillis, String rates) {}
}
