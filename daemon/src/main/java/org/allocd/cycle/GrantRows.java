package org.allocd.cycle;

import java.util.List;
import java.util.Optional;

/** Recurring grants and the periods made of them, in the store. */
public interface GrantRows {
    /** Grants not deleted, by id. */
    List<Grant> grants();

    Optional<Grant> grant(long grantId);

    /** The grant's latest period that has an allocation. */
    Optional<Grant.Period> lastGrantPeriod(long grantId);

    long insertGrant(long accountId, long amountMicroSu, GrantPeriod period, String zone, long firstStartMillis,
            Long endsAtMillis, CarryOver carryOver, String note, long atMillis);

    void markGrantDeleted(long grantId);

    void insertGrantPeriod(Grant.Period period);
}
