package org.allocd.storage;

import java.util.List;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Posting;

/**
 * Charge filesets' storage for a month at rateMicroSuPerGbMonth (SU per GB-month, in micro-SU):
 * all lines or none; a fileset already billed that month with the same figures is skipped.
 */
public record ImportStorage(String opKey, String actor, String month, long rateMicroSuPerGbMonth,
        List<StorageUse> uses) implements Operation.Feature {
    @Override
    public OpResult applyTo(Posting posting) {
        return StorageBook.importStorage(posting, this);
    }
}
