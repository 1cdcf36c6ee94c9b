package org.allocd.alert;

import java.util.List;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/**
 * A user's alert mail: mail "yes" or "no" (null: unchanged); percents their own usage thresholds (null:
 * unchanged), or accountPercents to go back to each account's thresholds.
 */
public record SetNotify(String opKey, String actor, String user, String mail, List<Integer> percents,
        boolean accountPercents) implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return AlertBook.setNotify(posting, this);
    }
}
