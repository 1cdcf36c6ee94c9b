package org.allocd.report;

import java.util.List;
import org.allocd.ledger.JournalSum;

/** Builds a statement from the opening balance and the sums of the account's journal lines in the window. */
public final class Statements {
    private Statements() {}

    /** sums: of the account's own money lines with fromMs <= time < toMs; sums of other accounts are ignored. */
    public static Statement of(String account, long accountId, long fromMs, long toMs, long openingMicroSu,
            List<JournalSum> sums) {
        long deposits = 0;
        long charges = 0;
        long refunds = 0;
        long transfersIn = 0;
        long transfersOut = 0;
        long withdrawals = 0;
        long adjustments = 0;
        long expiries = 0;
        long settlements = 0;
        long billed = 0;
        long closing = openingMicroSu;
        List<JournalSum> own = sums.stream().filter(e -> e.accountId() == accountId && e.kind().movesMoney()).toList();
        for (JournalSum e : own) {
            long amount = e.amountMicroSu();
            closing = Math.addExact(closing, amount);
            switch (e.kind()) {
                case DEPOSIT -> deposits += amount;
                case CHARGE -> charges += amount;
                case REFUND -> refunds += amount;
                case TRANSFER -> {
                    if (amount >= 0) {
                        transfersIn += amount;
                    } else {
                        transfersOut += amount;
                    }
                }
                case WITHDRAW -> withdrawals += amount;
                case ADJUST -> adjustments += amount;
                case EXPIRE -> expiries += amount;
                case SETTLE -> settlements += amount;
                case BILL -> billed += amount;
                default -> throw new IllegalStateException("money line of kind " + e.kind() + " has no statement line");
            }
        }
        return new Statement(account, fromMs, toMs, openingMicroSu, deposits, UserCharges.of(own), charges, refunds,
                transfersIn, transfersOut, withdrawals, adjustments, expiries, settlements, billed,
                closing);
    }
}
