package org.allocd.ledger;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The journal as verify, statements and bills read it. */
public interface JournalRows {
    /** The newest journal entry, or empty for a new ledger. */
    Optional<JournalEntry> lastJournalEntry();

    /** Every journal entry in id order, streamed. */
    void forEachJournalEntry(Consumer<JournalEntry> consumer);

    /** The account's money lines before an instant: its balance as the journal had it then. */
    long journalBalanceBeforeMicroSu(long accountId, long beforeMillis);

    /** Journal lines of the account and its subtree with fromMillis <= time < toMillis (of one kind unless null), in id order. */
    List<JournalEntry> journalOfSubtree(long accountId, long fromMillis, long toMillis, JournalKind kind, int limit);

    /** Money lines of the account and its subtree with fromMillis <= time < toMillis, summed by account, kind and user. */
    List<JournalSum> journalSumsOfSubtree(long accountId, long fromMillis, long toMillis);

    /** Every running total of the journal's money lines (verify checks them against the lines), streamed. */
    void forEachJournalTotal(Consumer<JournalTotal> consumer);

    /** Journal lines of every account with fromMillis <= time < toMillis (of one kind unless null), in id order. */
    List<JournalEntry> journal(long fromMillis, long toMillis, JournalKind kind, int limit);

    /** Charges less refunds booked to the account and its subtree with fromMillis <= time < toMillis. */
    long chargedOfSubtreeMicroSu(long accountId, long fromMillis, long toMillis);
}
