package org.allocd.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.AllocationRows;
import org.allocd.ledger.FundsView;

/** Allocations in SQL (shared by both dialects). */
interface SqlAllocationRows extends AllocationRows, FundsView, SqlRows {
    @Override
    default List<Allocation> allocations(long accountId) {
        return sql().list("SELECT " + Rows.ALLOCATION_COLUMNS
                + " FROM allocations WHERE account_id = ?" + Rows.DRAW_ORDER,
                Rows::allocation, accountId);
    }

    @Override
    default Optional<Allocation> allocation(long allocationId) {
        return sql().one("SELECT " + Rows.ALLOCATION_COLUMNS + " FROM allocations WHERE id = ?", Rows::allocation,
                allocationId);
    }

    @Override
    default List<Allocation> allocationsEndedBy(long nowMillis, int limit) {
        return sql().list("SELECT " + Rows.ALLOCATION_COLUMNS + " FROM allocations WHERE is_pot = 0 AND expired = 0"
                + " AND ends_at_ms <= ? ORDER BY ends_at_ms, id LIMIT ?", Rows::allocation, nowMillis, limit);
    }

    @Override
    default void forEachAllocation(Consumer<Allocation> consumer) {
        sql().each("SELECT " + Rows.ALLOCATION_COLUMNS + " FROM allocations ORDER BY id", Rows::allocation,
                consumer);
    }

    /**
     * From the journal's CHARGE and REFUND lines, which the jobs' charged and refunded columns cache
     * (verify checks they agree): this reads only the covering index journal_money, where summing
     * the jobs rows of an account with a million jobs reads every one of them.
     */
    @Override
    default long usedMicroSu(long accountId) {
        return -sql().number(SqlReportRows.USED, accountId);
    }

    @Override
    default long transferredOutOfActiveMicroSu(long accountId, long nowMillis) {
        // Rows.MONEY_KINDS too, so SQLite reads the account's TRANSFER lines in journal_money, not all its lines.
        return sql().number("SELECT COALESCE(SUM(j.amount_micro_su), 0) FROM journal j"
                + " JOIN allocations a ON a.id = j.allocation_id WHERE j.account_id = ? AND j.kind = 'TRANSFER' AND"
                + Rows.MONEY_KINDS
                + " AND j.amount_micro_su < 0 AND a.is_pot = 0 AND a.expired = 0 AND a.starts_at_ms <= ?"
                + " AND (a.ends_at_ms IS NULL OR a.ends_at_ms > ?)", accountId, nowMillis, nowMillis);
    }
}
