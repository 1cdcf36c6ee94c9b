package org.allocd.ledger;

/**
 * Where a page of journal lines starts: the lines after (later) or before (earlier) the line with this id. The
 * journal is read in id order, so the id names one place in it however many lines are written meanwhile, and a
 * page is read by index range, never by OFFSET.
 */
public record JournalSeek(long id, boolean after) {}
