package org.allocd.ledger;

import java.util.List;

/** What verify found: clean when problems is empty. Problems are listed up to a bound, all are counted. */
public record VerifyReport(long journalEntries, long accounts, long allocations, long jobs, long problemCount,
        List<String> problems) {

    public boolean clean() {
        return problemCount == 0;
    }
}
