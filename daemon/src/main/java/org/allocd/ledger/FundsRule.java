package org.allocd.ledger;

/**
 * The one rule for "can this job run on this account": the quote at submit
 * and the lien at start both ask it, so a job the quote lets through is not
 * refused at its start unless something changed in between.
 */
final class FundsRule {
    private FundsRule() {}

    /** The account, refused when it takes no new jobs: closed or frozen. */
    static Account takingJobs(Account account) {
        Lookup.open(account);
        if (account.state() == AccountState.FROZEN) {
            throw new LedgerException(Refusal.ACCOUNT_FROZEN, "account '" + account.name()
                    + "' is frozen and takes no new jobs; ask its coordinator or an admin");
        }
        return account;
    }

    /**
     * Whether a job of amountMicroSu fits the account's money now; when it does, the user's own limit
     * on the membership (of the account the job asked for) must take it too, or the job is refused.
     */
    static FundsCheck check(FundsView view, Account account, Membership membership, String userName,
            long amountMicroSu, long nowMillis) {
        long available = Funds.available(view, account, nowMillis);
        FundsCheck.Verdict verdict;
        if (amountMicroSu <= available) {
            verdict = FundsCheck.Verdict.FITS;
            requireWithinUserLimit(view, membership, userName, amountMicroSu);
        } else if (amountMicroSu <= Funds.activeBalance(view, account.id(), nowMillis) + account.creditLimitMicroSu()) {
            verdict = FundsCheck.Verdict.SHORT_NOW;
        } else {
            verdict = FundsCheck.Verdict.NEVER;
        }
        return new FundsCheck(verdict, account.name(), amountMicroSu, available);
    }

    /** check, refused unless the job fits now: a lien must be paid for when it is placed. */
    static void require(FundsView view, Account account, Membership membership, String userName,
            long amountMicroSu, long nowMillis) {
        FundsCheck check = check(view, account, membership, userName, amountMicroSu, nowMillis);
        if (check.verdict() != FundsCheck.Verdict.FITS) {
            throw Funds.insufficient(account, amountMicroSu, check.availableMicroSu());
        }
    }

    private static void requireWithinUserLimit(FundsView view, Membership membership, String userName,
            long amountMicroSu) {
        if (membership.limitMicroSu() == null) {
            return;
        }
        // The limit is on the user's own account: jobs its fallback paid for do not count.
        long used = view.userUsageMicroSu(membership.accountId(), userName);
        if (used + amountMicroSu > membership.limitMicroSu()) {
            throw new LedgerException(Refusal.USER_LIMIT_EXCEEDED, "user '" + userName + "' has used "
                    + MicroSu.format(used) + " of a " + MicroSu.format(membership.limitMicroSu())
                    + " SU limit on account '" + view.accountById(membership.accountId()).orElseThrow().name()
                    + "' and this job needs "
                    + MicroSu.format(amountMicroSu) + " SU more; ask the account's coordinator to raise it");
        }
    }
}
