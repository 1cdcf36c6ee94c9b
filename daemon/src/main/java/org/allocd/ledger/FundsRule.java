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
     * Whether a job of amountMicroSu fits the account's money now. The user's own limit on the membership (of
     * the account the job asked for, also when a fallback pays) is checked first: a job over it is refused
     * whatever the money, so no quote holds it or offers a fallback that its lien would then refuse.
     */
    static FundsCheck check(FundsView view, Account account, Membership membership, String userName,
            long amountMicroSu, long nowMillis) {
        requireNotBlocked(view, membership, userName);
        requireWithinUserLimit(view, membership, userName, amountMicroSu, nowMillis);
        long available = Funds.available(view, account, nowMillis);
        FundsCheck.Verdict verdict;
        if (amountMicroSu <= available) {
            verdict = FundsCheck.Verdict.FITS;
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

    /** A member blocked by a coordinator is told who, so they know whom to ask. */
    private static void requireNotBlocked(FundsView view, Membership membership, String userName) {
        if (membership.blocked()) {
            String account = view.accountById(membership.accountId()).orElseThrow().name();
            throw new LedgerException(Refusal.NOT_MEMBER, userName + " is blocked in " + account + " by "
                    + membership.blockedBy() + ", ask them");
        }
    }

    private static void requireWithinUserLimit(FundsView view, Membership membership, String userName,
            long amountMicroSu, long nowMillis) {
        if (membership.limitMicroSu() == null) {
            return; // no limit: nothing to read
        }
        // The limit is on the user's own account: jobs its fallback paid for do not count.
        MemberUse use = MemberUse.of(view, membership, userName,
                view.accountById(membership.accountId()).orElseThrow().name(), nowMillis);
        if (!use.allows(amountMicroSu)) {
            throw new LedgerException(Refusal.USER_LIMIT_EXCEEDED, use.refusal(amountMicroSu));
        }
    }
}
