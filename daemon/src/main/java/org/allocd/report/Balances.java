package org.allocd.report;

import java.util.List;
import org.allocd.ledger.Account;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.LedgerView;

/** Balance rows: an account's own numbers, then summed over its subtree. */
public final class Balances {
    private Balances() {}

    /** The account with its whole subtree aggregated. */
    public static BalanceRow of(LedgerView view, Account account, long nowMillis) {
        String parent = account.parentId() == null ? null
                : view.accountById(account.parentId()).map(Account::name).orElse(null);
        BalanceRow total = null;
        for (Account a : view.subtree(account.id())) {
            BalanceRow own = own(a, view.allocations(a.id()), view.transferredOutOfActiveMicroSu(a.id(), nowMillis),
                    view.usedMicroSu(a.id()), nowMillis);
            total = total == null ? new BalanceRow(account.name(), parent, own.state(), own.description(),
                    own.organization(), own.balanceMicroSu(), own.depositedMicroSu(), own.usedMicroSu(),
                    own.lienedMicroSu(), own.creditLimitMicroSu(), own.availableMicroSu(), own.windowStartMillis(),
                    own.windowEndMillis()) : plus(total, own);
        }
        return total;
    }

    /**
     * One account alone: active allocations, open liens, its jobs' net charges.
     * Deposited is what its active allocations granted less what was transferred
     * on from them (transferredOutMicroSu, negative), so budget delegated down a
     * tree counts once in the parent's total.
     */
    static BalanceRow own(Account account, List<Allocation> allocations, long transferredOutMicroSu,
            long usedMicroSu, long nowMillis) {
        long balance = 0;
        long deposited = transferredOutMicroSu;
        Long start = null;
        Long end = null;
        boolean endless = false;
        for (Allocation a : allocations) {
            if (!a.activeAt(nowMillis)) {
                continue;
            }
            balance = Math.addExact(balance, a.remainingMicroSu());
            if (a.pot()) {
                continue;
            }
            deposited = Math.addExact(deposited, a.amountMicroSu());
            start = min(start, a.startsAtMillis());
            if (a.endsAtMillis() == null) {
                endless = true;
            } else if (end == null || a.endsAtMillis() > end) {
                end = a.endsAtMillis();
            }
        }
        long available = balance - account.lienedMicroSu() + account.creditLimitMicroSu();
        return new BalanceRow(account.name(), null, account.state().sqlName(), account.description(),
                account.organization(), balance, deposited, usedMicroSu, account.lienedMicroSu(),
                account.creditLimitMicroSu(), available, start, endless ? null : end);
    }

    static BalanceRow plus(BalanceRow total, BalanceRow child) {
        Long start = min(total.windowStartMillis(), child.windowStartMillis());
        // A row without active allocations has no window and does not widen the other's.
        Long end;
        if (total.windowStartMillis() == null) {
            end = child.windowEndMillis();
        } else if (child.windowStartMillis() == null) {
            end = total.windowEndMillis();
        } else if (total.windowEndMillis() == null || child.windowEndMillis() == null) {
            end = null;
        } else {
            end = Math.max(total.windowEndMillis(), child.windowEndMillis());
        }
        return new BalanceRow(total.account(), total.parent(), total.state(), total.description(),
                total.organization(), total.balanceMicroSu() + child.balanceMicroSu(),
                total.depositedMicroSu() + child.depositedMicroSu(), total.usedMicroSu() + child.usedMicroSu(),
                total.lienedMicroSu() + child.lienedMicroSu(), total.creditLimitMicroSu() + child.creditLimitMicroSu(),
                total.availableMicroSu() + child.availableMicroSu(), start, end);
    }

    private static Long min(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }
}
