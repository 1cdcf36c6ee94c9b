package org.allocd.store;

import java.util.List;
import org.allocd.rates.RateRows;

/** Rate versions in SQL (shared by both dialects). */
final class SqlRateRows implements RateRows {
    private static final String COLUMNS = "SELECT cluster, version, effective_at_ms, rates FROM rate_versions";

    private final Sql sql;

    SqlRateRows(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<Stored> rateVersions(String cluster) {
        Sql.RowMapper<Stored> row = r -> new Stored(r.getString(1), r.getInt(2), r.getLong(3), r.getString(4));
        return cluster == null ? sql.list(COLUMNS + " ORDER BY cluster, version", row)
                : sql.list(COLUMNS + " WHERE cluster = ? ORDER BY version", row, cluster);
    }

    @Override
    public void insertRateVersion(Stored version) {
        sql.update("INSERT INTO rate_versions (cluster, version, effective_at_ms, rates) VALUES (?, ?, ?, ?)",
                version.cluster(), version.version(), version.effectiveAtMillis(), version.rates());
    }
}
