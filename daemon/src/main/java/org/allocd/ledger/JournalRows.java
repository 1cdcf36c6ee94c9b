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

    /**
     * Every journal entry of a job whose key is after afterJobKey (null: from the first) and at most lastJobKey
     * (null: to the last), streamed in no particular order.
     */
    void forEachJournalEntryOfJobs(String afterJobKey, String lastJobKey, Consumer<JournalEntry> consumer);

    /** The account's money lines before an instant: its balance as the journal had it then. */
    long journalBalanceBeforeMicroSu(long accountId, long beforeMillis);

    /**
     * At most limit journal lines the filter keeps, of the account and its subtree (null: of every account), in id
     * order: the first ones, or those nearest the seek on its side of it.
     */
    List<JournalEntry> journalPage(Long accountId, JournalFilter filter, JournalSeek seek, int limit);

    /** Money lines of the account and its subtree with fromMillis <= time < toMillis, summed by account, kind and user. */
    List<JournalSum> journalSumsOfSubtree(long accountId, long fromMillis, long toMillis);

    /** Every running total of the journal's money lines (verify checks them against the lines), streamed. */
    void forEachJournalTotal(Consumer<JournalTotal> consumer);

    /**
     * The money of each UTC day from fromDayMillis to toDayMillis (day starts, at most DayMoney.MAX_DAYS apart; the
     * last day excluded), of the
     * account and its subtree (null: of every account), oldest first, a day without money as zeros: the one
     * computation behind every per-day figure (the money_by_day op, statistics, the portal's charts).
     */
    List<DayMoney> moneyByDay(Long accountId, long fromDayMillis, long toDayMillis);

    /** Charges less refunds booked to the account and its subtree with fromMillis <= time < toMillis. */
    long chargedOfSubtreeMicroSu(long accountId, long fromMillis, long toMillis);
}
