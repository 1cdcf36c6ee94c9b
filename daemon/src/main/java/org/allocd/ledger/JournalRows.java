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
    long journalBalanceBeforeMicroSu(long accountId, long beforeMs);

    /** Journal lines of the account and its subtree with fromMs <= time < toMs (of one kind unless null), in id order. */
    List<JournalEntry> journalOfSubtree(long accountId, long fromMs, long toMs, JournalKind kind, int limit);

    /** Money lines of the account and its subtree with fromMs <= time < toMs, summed by account, kind and user. */
    List<JournalSum> journalSumsOfSubtree(long accountId, long fromMs, long toMs);

    /** Journal lines of every account with fromMs <= time < toMs (of one kind unless null), in id order. */
    List<JournalEntry> journal(long fromMs, long toMs, JournalKind kind, int limit);

    /** Charges less refunds booked to the account and its subtree with fromMs <= time < toMs. */
    long chargedOfSubtreeMicroSu(long accountId, long fromMs, long toMs);
}
