package org.allocd.ledger;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Allocations beyond an account's own list ({@link FundsView#allocations}): by id, ended, all, and their use. */
public interface AllocationRows {
    Optional<Allocation> allocation(long allocationId);

    List<Allocation> allocationsEndedBy(long nowMillis, int limit);

    void forEachAllocation(Consumer<Allocation> consumer);

    /** Charges less refunds of an account's jobs, all time. */
    long usedMicroSu(long accountId);

    /** Money transferred out of the account's windowed allocations active at nowMillis (a negative sum or 0). */
    long transferredOutOfActiveMicroSu(long accountId, long nowMillis);
}
