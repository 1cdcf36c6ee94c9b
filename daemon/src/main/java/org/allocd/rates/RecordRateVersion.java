package org.allocd.rates;

import java.util.List;
import org.allocd.ledger.Checks;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/**
 * Makes {@code rates} the cluster's rate version in effect: a new version, journaled, when they differ from the
 * latest one; nothing when they are the same (a reload that changed other keys).
 */
public record RecordRateVersion(String opKey, String actor, String cluster, String rates) implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting p) {
        String name = Checks.key("cluster", cluster);
        RateRows rows = p.rows(RateRows.class);
        List<RateRows.Stored> known = rows.rateVersions(name);
        RateRows.Stored latest = known.isEmpty() ? null : known.get(known.size() - 1);
        if (latest != null && latest.rates().equals(rates)) {
            return new OpResult(opKey, 0, "rates version " + latest.version() + " stays in effect", false);
        }
        int version = latest == null ? 1 : latest.version() + 1;
        rows.insertRateVersion(new RateRows.Stored(name, version, p.nowMillis, rates));
        String detail = "rates version " + version + " of cluster " + name + " in effect";
        p.admin(null, null, detail);
        return new OpResult(opKey, 0, detail, false);
    }
}
