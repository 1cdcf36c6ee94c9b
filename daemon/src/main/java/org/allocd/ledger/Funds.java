package org.allocd.ledger;

import java.util.ArrayList;
import java.util.List;

/** How much an account can spend now, and where a payment is drawn from. */
public final class Funds {
    private Funds() {}

    /** Money in allocations active now (the pot included, also when it is in debt). */
    public static long activeBalance(FundsView view, long accountId, long nowMillis) {
        long sum = 0;
        for (Allocation a : view.allocations(accountId)) {
            if (a.activeAt(nowMillis)) {
                sum = Math.addExact(sum, a.remainingMicroSu());
            }
        }
        return sum;
    }

    /** Available = active allocations - open liens + credit limit. */
    public static long available(FundsView view, Account account, long nowMillis) {
        return activeBalance(view, account.id(), nowMillis) - account.lienedMicroSu() + account.creditLimitMicroSu();
    }

    /** Available without the credit limit: what may leave the account by withdraw or transfer. */
    public static long withdrawable(FundsView view, Account account, long nowMillis) {
        return activeBalance(view, account.id(), nowMillis) - account.lienedMicroSu();
    }

    public record Slice(Allocation allocation, long amountMicroSu) {}

    /**
     * Splits a payment over the active allocations, the one that ends first
     * first, the pot last. With overdraw, whatever is left is booked to the pot
     * (debt); without it, the caller has checked the amount fits.
     */
    public static List<Slice> draw(FundsView view, long accountId, long nowMillis, long amountMicroSu, boolean overdraw) {
        List<Slice> slices = new ArrayList<>();
        long left = amountMicroSu;
        for (Allocation a : view.allocations(accountId)) {
            if (left == 0) {
                break;
            }
            if (!a.activeAt(nowMillis)) {
                continue;
            }
            long take = a.pot() && overdraw ? left : Math.min(Math.max(a.remainingMicroSu(), 0), left);
            if (take > 0) {
                slices.add(new Slice(a, take));
                left -= take;
            }
        }
        if (left != 0) {
            throw new IllegalStateException("draw of " + amountMicroSu + " left " + left + " undrawn");
        }
        return slices;
    }

    /** Where the next charge is drawn from: the active allocation that ends first (the pot if none). */
    public static Allocation firstActive(FundsView view, long accountId, long nowMillis) {
        return view.allocations(accountId).stream().filter(a -> a.activeAt(nowMillis)).findFirst()
                .orElseThrow(() -> new IllegalStateException("account " + accountId + " has no pot"));
    }

    public static LedgerException insufficient(Account account, long neededMicroSu, long availableMicroSu) {
        return new LedgerException(Refusal.INSUFFICIENT_FUNDS, "account '" + account.name() + "' needs "
                + MicroSu.format(neededMicroSu) + " SU, has " + MicroSu.format(availableMicroSu)
                + " SU available; deposit more or wait for running jobs to end");
    }
}
