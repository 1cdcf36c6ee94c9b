package org.allocd.ledger;

/**
 * What the ledger reads from its store, one small interface per area; the
 * features beside the core (billing, grants, ...) reach their own rows
 * through {@link #rows}. Implemented in the store package.
 */
public interface LedgerView extends FundsView, AccountRows, AllocationRows, JobRows, JournalRows, ReportRows {
    /**
     * The rows of a feature outside the core (e.g. its BillingRows), in this same read or transaction:
     * the core names no feature, the store knows them all.
     */
    <T> T rows(Class<T> area);
}
