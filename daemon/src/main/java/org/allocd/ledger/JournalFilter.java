package org.allocd.ledger;

/**
 * What a page of journal lines keeps, applied in SQL before its row limit: fromMillis <= time < toMillis, and
 * one kind and one user unless null.
 */
public record JournalFilter(long fromMillis, long toMillis, JournalKind kind, String userName) {}
