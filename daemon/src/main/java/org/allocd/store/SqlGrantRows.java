package org.allocd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.allocd.cycle.CarryOver;
import org.allocd.cycle.Grant;
import org.allocd.cycle.GrantPeriod;
import org.allocd.cycle.GrantRows;

/** Recurring grants in SQL (shared by both dialects). */
final class SqlGrantRows implements GrantRows {
    private final Sql sql;

    SqlGrantRows(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<Grant> grants() {
        return sql.list("SELECT " + GRANT_COLUMNS + " FROM grants WHERE deleted = 0 ORDER BY id", SqlGrantRows::grant);
    }

    @Override
    public Optional<Grant> grant(long grantId) {
        return sql.one("SELECT " + GRANT_COLUMNS + " FROM grants WHERE id = ?", SqlGrantRows::grant, grantId);
    }

    @Override
    public Optional<Grant.Period> lastGrantPeriod(long grantId) {
        return sql.one("SELECT grant_id, period_index, period_start_ms, allocation_id FROM grant_periods"
                + " WHERE grant_id = ? ORDER BY period_index DESC LIMIT 1",
                r -> new Grant.Period(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)), grantId);
    }

    @Override
    public long insertGrant(long accountId, long amountMicroSu, GrantPeriod period, String zone, long firstStartMillis,
            Long endsAtMillis, CarryOver carryOver, String note, long atMillis) {
        return sql.insert("INSERT INTO grants (account_id, amount_micro_su, period, zone, first_start_ms, ends_at_ms,"
                + " carryover_kind, carryover_limit, note, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " RETURNING id", accountId, amountMicroSu, period.sqlName(), zone, firstStartMillis, endsAtMillis,
                carryOver.kind().name().toLowerCase(Locale.ROOT), carryOver.limit(), note, atMillis);
    }

    @Override
    public void markGrantDeleted(long grantId) {
        sql.update("UPDATE grants SET deleted = 1 WHERE id = ?", grantId);
    }

    @Override
    public void insertGrantPeriod(Grant.Period period) {
        sql.update("INSERT INTO grant_periods (grant_id, period_index, period_start_ms, allocation_id)"
                + " VALUES (?, ?, ?, ?)", period.grantId(), period.index(), period.startMillis(), period.allocationId());
    }

    private static final String GRANT_COLUMNS = "id, account_id, amount_micro_su, period, zone, first_start_ms,"
            + " ends_at_ms, carryover_kind, carryover_limit, note, deleted";

    private static Grant grant(ResultSet r) throws SQLException {
        return new Grant(r.getLong("id"), r.getLong("account_id"), r.getLong("amount_micro_su"),
                GrantPeriod.parse(r.getString("period")), ZoneId.of(r.getString("zone")), r.getLong("first_start_ms"),
                Sql.nullableLong(r, "ends_at_ms"), new CarryOver(CarryOver.Kind.valueOf(
                        r.getString("carryover_kind").toUpperCase(Locale.ROOT)), r.getLong("carryover_limit")),
                r.getString("note"), r.getInt("deleted") == 1);
    }
}
