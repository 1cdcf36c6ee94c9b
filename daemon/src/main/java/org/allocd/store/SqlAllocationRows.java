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
}
