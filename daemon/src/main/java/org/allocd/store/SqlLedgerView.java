package org.allocd.store;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.allocd.alert.AlertRows;
import org.allocd.billing.BillingRows;
import org.allocd.cycle.GrantRows;
import org.allocd.fallback.FallbackRows;
import org.allocd.figures.FigureRows;
import org.allocd.ledger.LedgerView;
import org.allocd.rates.RateRows;
import org.allocd.reservation.ReservationRows;

/**
 * The ledger's reads, in SQL, over one connection (the writer's or a reader's):
 * the core areas' SQL composed, and each feature's rows made on first use.
 */
class SqlLedgerView implements LedgerView, SqlAccountRows, SqlAllocationRows, SqlJobRows, SqlJournalRows,
        SqlReportRows {
    /** Every feature's rows in SQL; a feature's rows interface missing here fails at its first use. */
    private static final Map<Class<?>, Function<Sql, Object>> FEATURE_ROWS = Map.of(
            BillingRows.class, SqlBillingRows::new,
            FallbackRows.class, SqlFallbackRows::new,
            ReservationRows.class, SqlReservationRows::new,
            GrantRows.class, SqlGrantRows::new,
            AlertRows.class, SqlAlertRows::new,
            FigureRows.class, SqlFigureRows::new,
            RateRows.class, SqlRateRows::new);

    final Sql sql;
    private final Map<Class<?>, Object> featureRows = new HashMap<>();

    SqlLedgerView(Connection connection, StatementCache cache) {
        this(new Sql(connection, cache));
    }

    SqlLedgerView(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Sql sql() {
        return sql;
    }

    @Override
    public <T> T rows(Class<T> area) {
        return area.cast(featureRows.computeIfAbsent(area, a -> {
            Function<Sql, Object> make = FEATURE_ROWS.get(a);
            if (make == null) {
                throw new IllegalArgumentException("the store keeps no rows of " + a.getName());
            }
            return make.apply(sql);
        }));
    }
}
