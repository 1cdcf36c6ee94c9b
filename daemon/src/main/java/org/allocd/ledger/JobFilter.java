package org.allocd.ledger;

/**
 * What a job listing keeps, applied in SQL before its row limit, so a filtered
 * listing of a busy account is not cut short by other users' newer jobs.
 * A null field keeps every value.
 */
public record JobFilter(String userName, LienState lienState) {
    public static final JobFilter ALL = new JobFilter(null, null);
}
