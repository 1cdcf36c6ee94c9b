package org.allocd.ledger;

import java.util.List;
import org.allocd.ledger.Funds.Slice;
import org.allocd.ledger.Operation.Adjust;
import org.allocd.ledger.Operation.Deposit;
import org.allocd.ledger.Operation.ExpireAllocations;
import org.allocd.ledger.Operation.Transfer;
import org.allocd.ledger.Operation.Withdraw;

/** Money into and out of accounts, and the end of allocation windows. */
final class MoneyBook {
    /** Bounds one expiry run; the next run takes the rest. */
    static final int EXPIRE_BATCH = 1000;

    private MoneyBook() {}

    static OpResult deposit(Posting p, Deposit op) {
        Account account = Lookup.openAccount(p.tx, op.account());
        long amount = Checks.positive("deposit", op.amountMicroSu());
        long startsAtMillis = op.startsAtMillis() == null ? p.nowMillis : op.startsAtMillis();
        if (op.endsAtMillis() != null && op.endsAtMillis() <= startsAtMillis) {
            throw Checks.invalid("the allocation must end after it starts; check start= and end=");
        }
        p.allocate(account.id(), amount, amount, startsAtMillis, op.endsAtMillis(), Checks.text("note", op.note()));
        return new OpResult(op.opKey(), amount, "deposited " + MicroSu.format(amount) + " SU into "
                + account.name(), false);
    }

    /** Books new money into a fresh allocation; a pot in debt is paid first from it. */
    static void credit(Posting p, Allocation pot, Allocation fresh, long amountMicroSu, String note) {
        p.money(JournalKind.DEPOSIT, fresh, null, null, amountMicroSu, note);
        settleDebt(p, pot, fresh, amountMicroSu);
    }

    /** A pot in debt (a charge larger than the allocations) is paid first from new money. */
    private static void settleDebt(Posting p, Allocation pot, Allocation fresh, long amountMicroSu) {
        if (pot.remainingMicroSu() >= 0 || !fresh.activeAt(p.nowMillis)) {
            return;
        }
        long settle = Math.min(amountMicroSu, -pot.remainingMicroSu());
        p.money(JournalKind.SETTLE, fresh, null, null, -settle, "pays the account's debt");
        p.money(JournalKind.SETTLE, pot, null, null, settle, "debt paid from allocation " + fresh.id());
    }

    static OpResult withdraw(Posting p, Withdraw op) {
        Account account = Lookup.openAccount(p.tx, op.account());
        long amount = Checks.positive("withdrawal", op.amountMicroSu());
        String note = Checks.text("note", op.note());
        for (Slice s : drawWithdrawable(p, account, amount)) {
            p.money(JournalKind.WITHDRAW, s.allocation(), null, null, -s.amountMicroSu(), note);
        }
        return new OpResult(op.opKey(), amount, "withdrew " + MicroSu.format(amount) + " SU from "
                + account.name(), false);
    }

    static OpResult transfer(Posting p, Transfer op) {
        Account from = Lookup.openAccount(p.tx, op.fromAccount());
        Account to = Lookup.openAccount(p.tx, op.toAccount());
        if (from.id() == to.id()) {
            throw Checks.invalid("a transfer needs two different accounts");
        }
        long amount = Checks.positive("transfer", op.amountMicroSu());
        String note = Checks.text("note", op.note());
        Allocation toPot = Lookup.pot(p.tx, to.id());
        // The money keeps its window: budget delegated from a grant expires with that grant.
        for (Slice s : drawWithdrawable(p, from, amount)) {
            Allocation source = s.allocation();
            p.money(JournalKind.TRANSFER, source, null, null, -s.amountMicroSu(), "to " + to.name() + ": " + note);
            Allocation target = toPot;
            if (!source.pot()) {
                long id = p.tx.insertAllocation(to.id(), false, s.amountMicroSu(), source.startsAtMillis(),
                        source.endsAtMillis(), "from " + from.name() + ": " + note, p.nowMillis);
                target = new Allocation(id, to.id(), false, s.amountMicroSu(), 0, source.startsAtMillis(),
                        source.endsAtMillis(), false);
            }
            p.money(JournalKind.TRANSFER, target, null, null, s.amountMicroSu(), "from " + from.name() + ": " + note);
        }
        return new OpResult(op.opKey(), amount, "moved " + MicroSu.format(amount) + " SU from " + from.name()
                + " to " + to.name(), false);
    }

    /** Money may leave only what is neither liened nor borrowed against the credit limit. */
    private static List<Slice> drawWithdrawable(Posting p, Account account, long amountMicroSu) {
        long withdrawable = Funds.withdrawable(p.tx, account, p.nowMillis);
        if (amountMicroSu > withdrawable) {
            throw new LedgerException(Refusal.INSUFFICIENT_FUNDS, "account '" + account.name() + "' has "
                    + MicroSu.format(Math.max(withdrawable, 0)) + " SU that may leave it (not liened), less than "
                    + MicroSu.format(amountMicroSu) + " SU");
        }
        return Funds.draw(p.tx, account.id(), p.nowMillis, amountMicroSu, false);
    }

    static OpResult adjust(Posting p, Adjust op) {
        Account account = Lookup.openAccount(p.tx, op.account());
        long amount = Checks.atMostMax("adjustment", op.amountMicroSu());
        if (amount == 0) {
            throw Checks.invalid("an adjustment of zero changes nothing; give a positive or negative amount");
        }
        String note = Checks.text("note", op.note());
        if (note.isBlank()) {
            throw Checks.invalid("an adjustment needs a note saying why");
        }
        long available = Funds.available(p.tx, account, p.nowMillis);
        boolean belowLimit = amount < 0 && available + amount < 0;
        if (belowLimit && !op.force()) {
            throw new LedgerException(Refusal.INSUFFICIENT_FUNDS, "adjusting " + account.name() + " by "
                    + MicroSu.format(amount) + " SU would leave " + MicroSu.format(available + amount)
                    + " SU available, below its credit limit of " + MicroSu.format(account.creditLimitMicroSu())
                    + " SU; if this is meant, say force=yes with the note saying why");
        }
        p.money(JournalKind.ADJUST, Lookup.pot(p.tx, account.id()), null, null, amount,
                belowLimit ? note + " [forced below the credit limit]" : note);
        return new OpResult(op.opKey(), amount, "adjusted " + account.name() + " by " + MicroSu.format(amount)
                + " SU", false);
    }

    static OpResult expireAllocations(Posting p, ExpireAllocations op) {
        long expired = 0;
        List<Allocation> ended = p.tx.allocationsEndedBy(p.nowMillis, EXPIRE_BATCH);
        for (Allocation a : ended) {
            expire(p, a);
            expired += a.remainingMicroSu();
        }
        return new OpResult(op.opKey(), expired, "expired " + ended.size() + " allocations", false);
    }

    /** Ends an allocation: what it still holds leaves the account with an EXPIRE line. */
    static void expire(Posting p, Allocation a) {
        p.money(JournalKind.EXPIRE, a, null, null, -a.remainingMicroSu(), "allocation " + a.id() + " ended");
        p.tx.markAllocationExpired(a.id());
    }
}
