package org.allocd.ledger;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Allocations beyond an account's own list ({@link FundsView#allocations}): by id, ended, all. */
public interface AllocationRows {
    Optional<Allocation> allocation(long allocationId);

    List<Allocation> allocationsEndedBy(long nowMillis, int limit);

    void forEachAllocation(Consumer<Allocation> consumer);
}
