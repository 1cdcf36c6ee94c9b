package org.allocd.rates;

import java.util.List;
import java.util.Optional;
import org.allocd.charge.ChargeCalculator;
import org.allocd.charge.ChargeRates;
import org.allocd.ledger.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's rate versions. The config in effect at start and after every reload is adopted: when its rates
 * differ from the latest version, they become a new version (stored, so a restart keeps every version a
 * running job may still be charged by). Quotes and liens use the current version; a job's charge uses the
 * version its lien was placed at.
 */
public final class RateBook {
    private static final Logger log = LoggerFactory.getLogger(RateBook.class);
    private static final String ACTOR = "allocd";

    private final Ledger ledger;
    private final String cluster;
    /** Oldest first, never empty once opened; replaced whole, so readers need no lock. */
    private volatile List<RateVersion> versions = List.of();

    private RateBook(Ledger ledger, String cluster) {
        this.ledger = ledger;
        this.cluster = cluster;
    }

    /** The cluster's stored versions, with rates adopted as the current one. */
    public static RateBook open(Ledger ledger, String cluster, ChargeRates rates) {
        RateBook book = new RateBook(ledger, cluster);
        book.adopt(rates);
        return book;
    }

    /** Makes rates the current version (a new one only when they differ from the latest) and returns it. */
    public synchronized RateVersion adopt(ChargeRates rates) {
        String text = RatesText.of(rates);
        List<RateRows.Stored> stored = ledger.read(view -> view.rows(RateRows.class).rateVersions(cluster));
        RateRows.Stored latest = stored.isEmpty() ? null : stored.get(stored.size() - 1);
        if (latest == null || !latest.rates().equals(text)) {
            // Keyed by the version it follows: a retried adopt of the same rates is a replay, not a second version.
            String opKey = "rates:" + cluster + ":after-" + (latest == null ? 0 : latest.version());
            log.info("{}", ledger.submit(new RecordRateVersion(opKey, ACTOR, cluster, text)).join().detail());
            stored = ledger.read(view -> view.rows(RateRows.class).rateVersions(cluster));
        }
        versions = stored.stream().map(RateBook::readable).flatMap(Optional::stream).toList();
        return current();
    }

    /** The version quotes and new liens are priced at. */
    public RateVersion current() {
        List<RateVersion> now = versions;
        return now.get(now.size() - 1);
    }

    /** The current version's calculator, for prices that belong to no lien (quotes, holds, reservations). */
    public ChargeCalculator calculator() {
        return current().calculator();
    }

    /** A lien's version; one no longer readable (stored by another release) is priced at the current one. */
    public RateVersion version(int version) {
        for (RateVersion known : versions) {
            if (known.version() == version) {
                return known;
            }
        }
        log.warn("rate version {} of cluster {} is not known; pricing at the current version {}", version, cluster,
                current().version());
        return current();
    }

    /** Every version, oldest first. */
    public List<RateVersion> versions() {
        return versions;
    }

    private static Optional<RateVersion> readable(RateRows.Stored stored) {
        try {
            return Optional.of(new RateVersion(stored.version(), stored.effectiveAtMillis(),
                    RatesText.parse(stored.rates())));
        } catch (IllegalArgumentException e) {
            log.warn("rate version {} is kept in the store but not readable here: {}", stored.version(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
