package org.allocd.report;

import java.util.ArrayList;
import java.util.List;
import org.allocd.figures.AccountFigures;
import org.allocd.figures.Figures;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.MemberUse;
import org.allocd.ledger.Membership;
import org.allocd.ledger.User;

/**
 * What NCSA's `accounts` shows a user: each account they may charge (a membership, as Slurm's association),
 * with its balance and deposits from the one computation of figures (docs/numbers.md), and the user's own use against their
 * per-user limit there (the same figure the lien check compares with the limit).
 */
public final class ProjectSummary {
    /**
     * One account of the summary; the user's use, limit (null: none) and what the use counts ("in total",
     * "this cycle (since ...)") are their MemberUse there.
     */
    public record Line(String account, String description, String state, long balanceMicroSu,
            long depositedMicroSu, long userUsedMicroSu, Long userLimitMicroSu, String userUseCounts) {
        Line(Account account, Figures figures, MemberUse use) {
            this(account.name(), account.description(), account.state().sqlName(), figures.balanceMicroSu(),
                    figures.depositedMicroSu(), use.usedMicroSu(), use.limitMicroSu(), use.periodText());
        }
    }

    private ProjectSummary() {}

    /** The user's accounts by name; closed accounts, which cannot be charged, are left out. */
    public static List<Line> of(LedgerView view, String userName, long nowMillis) {
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
            Figures figures = AccountFigures.of(view, account, 0, nowMillis + 1, nowMillis).subtree();
            lines.add(new Line(account, figures, MemberUse.of(view, m, userName, account.name(), nowMillis)));
        }
        lines.sort((a, b) -> a.account().compareTo(b.account()));
        return lines;
    }
}
