package org.allocd.ledger;

/**
 * Money lines of one account, kind and user summed in SQL, so a report over a million jobs
 * reads a few hundred rows instead of every line. TRANSFER lines are summed apart by sign
 * (incoming, amount >= 0, and outgoing), so the amount's sign says which. userName is null
 * for lines without a user; jobs counts the jobs charged (CHARGE lines; 0 for other kinds).
 */
public record JournalSum(long accountId, JournalKind kind, String userName, long amountMicroSu, long jobs) {
}
