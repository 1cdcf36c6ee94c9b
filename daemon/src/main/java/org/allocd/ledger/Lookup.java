package org.allocd.ledger;

import java.util.List;

/** Finds what an operation names, or refuses with a message that says how to fix it. */
public final class Lookup {
    private Lookup() {}

    public static Account account(FundsView view, String name) {
        String normal = Checks.accountName(name);
        return view.account(normal).orElseThrow(() -> new LedgerException(Refusal.UNKNOWN_ACCOUNT,
                "account '" + normal + "' does not exist; list accounts with 'allocmgr show account'"));
    }

    /** An account that still takes operations (not closed). */
    public static Account openAccount(FundsView view, String name) {
        return open(account(view, name));
    }

    /** The account, refused when it is closed. */
    public static Account open(Account account) {
        if (account.state() == AccountState.CLOSED) {
            throw new LedgerException(Refusal.ACCOUNT_CLOSED,
                    "account '" + account.name() + "' is closed; reopen it with state=active first");
        }
        return account;
    }

    public static User user(FundsView view, String name) {
        String checked = Checks.userName(name);
        return view.user(checked).orElseThrow(() -> new LedgerException(Refusal.UNKNOWN_USER,
                "user '" + checked + "' is not known to the bank; add it with 'allocmgr add user " + checked + "'"));
    }

    public static Membership membership(FundsView view, User user, Account account) {
        // Said to the user at submit: who can add them, not an admin's command they cannot run.
        return view.membership(user.id(), account.id()).orElseThrow(() -> {
            List<String> coordinators = view.coordinatorNames(account.id());
            return new LedgerException(Refusal.NOT_MEMBER, "user '" + user.name() + "' is not a member of account '"
                    + account.name() + "'; " + (coordinators.isEmpty() ? "ask your PI to have you added to it"
                            : "its coordinators can add you: " + String.join(", ", coordinators)));
        });
    }

    public static Job job(LedgerView view, String jobKey) {
        return view.job(jobKey).orElseThrow(() -> new LedgerException(Refusal.UNKNOWN_JOB,
                "the bank has no record of job " + jobKey));
    }

    public static Allocation pot(FundsView view, long accountId) {
        return view.allocations(accountId).stream().filter(Allocation::pot).findFirst()
                .orElseThrow(() -> new IllegalStateException("account " + accountId + " has no pot"));
    }
}
