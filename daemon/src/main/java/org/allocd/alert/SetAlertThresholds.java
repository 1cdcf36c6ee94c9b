package org.allocd.alert;

import java.util.List;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/** Percentages of the active allocations used at which the account's coordinators are told; empty = none. */
public record SetAlertThresholds(String opKey, String actor, String account, List<Integer> percents)
        implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return AlertBook.setThresholds(posting, this);
    }
}
