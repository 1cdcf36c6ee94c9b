package org.allocd.report;

import java.util.List;
import org.allocd.ledger.Account;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.LedgerView;

/** Balance rows: an account's own numbers, then summed over its subtree. */
public final class Balances {
    private Balances() {}

    /** The account with its whole subtree aggregated. */
    public static BalanceRow of(LedgerView view, Account account, long nowMs) {
        String parent = account.parentId() == null ? null
                : view.accountById(account.parentId()).map(Account::name).orElse(null);
        BalanceRow total = null;
        for (Account a : view.subtree(account.id())) {
            BalanceRow own = own(a, view.allocations(a.id()), view.transferredOutOfActiveMicroSu(a.id(), nowMs),
                    view.usedMicroSu(a.id()), nowMs);
            total = total == null ? new BalanceRow(account.name(), parent, own.state(), own.description(),
                    own.organization(), own.balanceMicroSu(), own.depositedMicroSu(), own.usedMicroSu(),
                    own.lienedMicroSu(), own.creditLimitMicroSu(), own.availableMicroSu(), own.windowStartMs(),
                    own.windowEndMs()) : plus(total, own);
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
            long usedMicroSu, long nowMs) {
        long balance = 0;
        long deposited = transferredOutMicroSu;
        Long start = null;
        Long end = null;
        boolean endless = false;
        for (Allocation a : allocations) {
            if (!a.activeAt(nowMs)) {
                continue;
            }
            balance = Math.addExact(balance, a.remainingMicroSu());
            if (a.pot()) {
                continue;
            }
            deposited = Math.addExact(deposited, a.amountMicroSu());
            start = min(start, a.startsAtMs());
            if (a.endsAtMs() == null) {
                endless = true;
            } else if (end == null || a.endsAtMs() > end) {
                end = a.endsAtMs();
            }
        }
        long available = balance - account.lienedMicroSu() + account.creditLimitMicroSu();
        return new BalanceRow(account.name(), null, account.state().sqlName(), account.description(),
                account.organization(), balance, deposited, usedMicroSu, account.lienedMicroSu(),
                account.creditLimitMicroSu(), available, start, endless ? null : end);
    }

    static BalanceRow plus(BalanceRow total, BalanceRow child) {
        Long start = min(total.windowStartMs(), child.windowStartMs());
        // A row without active allocations has no window and does not widen the other's.
        Long end;
        if (total.windowStartMs() == null) {
            end = child.windowEndMs();
        } else if (child.windowStartMs() == null) {
            end = total.windowEndMs();
        } else if (total.windowEndMs() == null || child.windowEndMs() == null) {
            end = null;
        } else {
            end = Math.max(total.windowEndMs(), child.windowEndMs());
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
