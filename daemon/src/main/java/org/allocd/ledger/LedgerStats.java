package org.allocd.ledger;

/** Ledger-wide totals for monitoring: open liens (count and amount) and net charges (charges less refunds). */
public record LedgerStats(long openLiens, long openLienMicroSu, long chargedMicroSu) {
}
