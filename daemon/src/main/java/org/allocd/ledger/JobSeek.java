package org.allocd.ledger;

/**
 * Where a page of a job listing starts: the rows after (older) or before (newer) the row with this sort key.
 * A listing is ordered newest first (the time the bank first saw the job), then by job key, so the pair names
 * one place in it however many jobs arrive meanwhile, and a page is read by index range, never by OFFSET.
 */
public record JobSeek(long createdAtMillis, String jobKey, boolean older) {
    public JobSeek {
        if (jobKey == null || jobKey.isEmpty()) {
            throw new IllegalArgumentException("a job seek needs the job key of its row");
        }
    }
}
