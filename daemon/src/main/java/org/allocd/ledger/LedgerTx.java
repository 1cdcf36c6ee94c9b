package org.allocd.ledger;

/** The writes the ledger makes, inside one store transaction. Implemented in the store package. */
public interface LedgerTx extends LedgerView, AccountWrites, JobWrites, JournalWrites {}
