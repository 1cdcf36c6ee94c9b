package org.allocd.report;

import java.util.ArrayList;
import java.util.List;
import org.allocd.ledger.Account;
import org.allocd.ledger.Funds;
import org.allocd.ledger.JobFilter;
import org.allocd.ledger.JobRecord;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.LienState;

/**
 * Why a job waits for funds, in the figures the funds rule decides by: the account's money in active
 * allocations, how much of it the liens of running jobs hold and which jobs, its credit limit, and what is
 * available (Funds.available, what the quote and the lien compare the job's price with).
 */
public record HeldFunds(long activeMicroSu, long heldMicroSu, long creditLimitMicroSu, long availableMicroSu,
        List<String> heldBy, boolean moreHolders) {
    /** The jobs named; an account with more running jobs says "and more". */
    static final int MAX_HOLDERS = 10;

    public static HeldFunds of(LedgerView view, Account account, long nowMillis) {
        List<String> holders = new ArrayList<>();
        for (JobRecord record : view.jobPage(account.id(), 0, Long.MAX_VALUE, new JobFilter(null, LienState.OPEN),
                null, MAX_HOLDERS + 1)) {
            holders.add(record.job().jobKey());
        }
        boolean more = holders.size() > MAX_HOLDERS;
        if (more) {
            holders.remove(MAX_HOLDERS);
        }
        return new HeldFunds(Funds.activeBalance(view, account.id(), nowMillis), account.lienedMicroSu(),
                account.creditLimitMicroSu(), Funds.available(view, account, nowMillis), holders, more);
    }
}
