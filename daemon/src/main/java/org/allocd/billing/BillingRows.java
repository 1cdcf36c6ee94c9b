package org.allocd.billing;

import java.util.List;
import java.util.Optional;
import org.allocd.ledger.JournalEntry;

/** Billing rules and the lines booked from them (storage lines too), in the store. */
public interface BillingRows {
    /** Billing rules of one account, or of every account (accountId null), by account then name. */
    List<BillingRule> billingRules(Long accountId);

    Optional<BilledLine> billedLine(long accountId, String month, String meter, String name);

    /** The storage line of a fileset in a month, whichever account it was billed to. */
    Optional<BilledLine> storageLine(String month, String fileset);

    /** BILL journal lines of the subtree booked at or after fromMillis, in id order. */
    List<JournalEntry> billLinesOfSubtree(long accountId, long fromMillis, int limit);

    void upsertBillingRule(BillingRule rule);

    void deleteBillingRule(long accountId, String name);

    void insertBilledLine(BilledLine line, String opKey, long atMillis);
}
