package org.allocd.cycle;

import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/**
 * A recurring grant: an allocation of amountMicroSu every period from
 * firstStartMillis (periods counted in the time zone named by zone) until
 * endsAtMillis (null: no end); carryOver decides what of a period's unused
 * money moves into the next.
 */
public record AddGrant(String opKey, String actor, String account, long amountMicroSu, GrantPeriod period,
        long firstStartMillis, Long endsAtMillis, CarryOver carryOver, String zone, String note) implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return GrantBook.add(posting, this);
    }
}
