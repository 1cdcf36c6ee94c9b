package org.allocd.report;

import java.util.ArrayList;
import java.util.List;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.Membership;
import org.allocd.ledger.User;

/**
 * What NCSA's `accounts` shows a user: each account they may charge (a membership, as Slurm's association),
 * with its balance and deposits as `allocmgr balance` computes them, and the user's own use against their
 * per-user limit there (the same figure the lien check compares with the limit).
 */
public final class ProjectSummary {
    /** One account of the summary; limit null when the user has none there. */
    public record Line(String account, String description, String state, long balanceMicroSu,
            long depositedMicroSu, long userUsedMicroSu, Long userLimitMicroSu) {}

    private ProjectSummary() {}

    /** The user's accounts by name; closed accounts, which cannot be charged, are left out. */
    public static List<Line> of(LedgerView view, String userName, long nowMs) {
        User user = view.user(userName).orElse(null);
        List<Line> lines = new ArrayList<>();
        if (user == null) {
            return lines;
        }
        for (Membership m : view.memberships()) {
            if (m.userId() != user.id()) {
                continue;
            }
            Account account = view.accountById(m.accountId()).orElseThrow();
            if (account.state() == AccountState.CLOSED) {
                continue;
            }
            BalanceRow row = Balances.of(view, account, nowMs);
            lines.add(new Line(account.name(), account.description(), row.state(), row.balanceMicroSu(),
                    row.depositedMicroSu(), view.userUsageMicroSu(account.id(), userName), m.limitMicroSu()));
        }
        lines.sort((a, b) -> a.account().compareTo(b.account()));
        return lines;
    }
}
