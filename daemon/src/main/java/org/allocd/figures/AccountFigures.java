package org.allocd.figures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allocd.ledger.Account;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.JournalSum;
import org.allocd.ledger.LedgerView;
import org.allocd.report.UserCharge;
import org.allocd.report.UserCharges;

/**
 * The one computation of an account's figures (docs/numbers.md): balance, statement, bill, jobcharge
 * and the HTTP API all read them from here. own: the account's own journal; subtree: own summed over
 * the account and every account below it; accounts: own figures of each account of the subtree, the
 * account first.
 */
public record AccountFigures(Figures own, Figures subtree, List<Figures> accounts) {
    /** Bounds the allocations deposited ahead of their start read for one subtree. */
    public static final int MAX_UPCOMING = 10_000;

    /**
     * The figures of the account over [fromMillis, toMillis) as of nowMillis: a period that reaches past now is
     * shown up to now (its toMillis becomes nowMillis + 1), one that starts after now is empty at now.
     */
    public static AccountFigures of(LedgerView view, Account root, long fromMillis, long toMillis, long nowMillis) {
        FigureRows reads = view.rows(FigureRows.class);
        long to = Math.min(toMillis, nowMillis + 1);
        long from = Math.min(fromMillis, to);
        boolean reachesNow = to == nowMillis + 1;
        List<Account> accounts = view.subtree(root.id());
        List<Upcoming> upcoming = reads.depositedBeforeTheyStart(root.id(), to, MAX_UPCOMING + 1);
        if (upcoming.size() > MAX_UPCOMING) {
            throw new IllegalArgumentException("more than " + MAX_UPCOMING + " allocations deposited ahead of their"
                    + " start in this subtree; ask for a smaller account of it");
        }
        Map<Long, Long> lateBefore = from == 0 ? Map.of() : reads.billedLateMicroSu(root.id(), from);
        Map<Long, Long> lateInside = reachesNow ? Map.of() : reads.billedLateMicroSu(root.id(), to);
        List<JournalSum> all = view.journalSumsOfSubtree(root.id(), from, to);
        Map<Long, List<JournalSum>> sums = new HashMap<>();
        for (JournalSum s : all) {
            sums.computeIfAbsent(s.accountId(), id -> new ArrayList<>()).add(s);
        }
        List<Figures> own = new ArrayList<>();
        for (Account a : accounts) {
            Tally t = new Tally();
            t.opening = from == 0 ? 0 : view.journalBalanceBeforeMicroSu(a.id(), from) + lateBefore.getOrDefault(a.id(), 0L);
            for (JournalSum s : sums.getOrDefault(a.id(), List.of())) {
                t.add(s.kind(), s.amountMicroSu());
            }
            t.add(JournalKind.BILL, lateInside.getOrDefault(a.id(), 0L) - lateBefore.getOrDefault(a.id(), 0L));
            List<Upcoming> ahead = new ArrayList<>();
            for (Upcoming u : upcoming) {
                if (u.accountId() != a.id()) {
                    continue;
                }
                // Booked at depositedAtMillis, counts from startsAtMillis: move it from the one to the other.
                boolean bookedBefore = u.depositedAtMillis() < from;
                boolean bookedInside = !bookedBefore;
                if (bookedBefore && u.startsAtMillis() >= from) {
                    t.opening -= u.amountMicroSu();
                }
                if (bookedInside && u.startsAtMillis() >= to) {
                    t.add(JournalKind.DEPOSIT, -u.amountMicroSu());
                }
                if (bookedBefore && u.startsAtMillis() >= from && u.startsAtMillis() < to) {
                    t.add(JournalKind.DEPOSIT, u.amountMicroSu());
                }
                if (u.startsAtMillis() >= to) {
                    ahead.add(u);
                    t.notYetActive += u.amountMicroSu();
                }
            }
            if (reachesNow) {
                // An allocation that has ended counts as expired from its end, before housekeeping books it.
                for (Allocation al : view.allocations(a.id())) {
                    if (!al.pot() && !al.expired() && al.endsAtMillis() != null && al.endsAtMillis() <= nowMillis) {
                        if (from <= nowMillis) {
                            t.add(JournalKind.EXPIRE, -al.remainingMicroSu());
                        } else {
                            t.opening -= al.remainingMicroSu();
                        }
                    }
                }
            }
            Long liens = reachesNow ? a.lienedMicroSu() : null;
            Long credit = reachesNow ? a.creditLimitMicroSu() : null;
            own.add(t.figures(a.name(), Figures.OWN, from, to, liens, credit,
                    UserCharges.of(sums.getOrDefault(a.id(), List.of())), ahead));
        }
        return new AccountFigures(own.get(0), total(root.name(), from, to, own, UserCharges.of(all)), own);
    }

    private static Figures total(String account, long from, long to, List<Figures> parts,
            List<UserCharge> users) {
        Tally t = new Tally();
        Long liens = parts.get(0).openLiensMicroSu() == null ? null : 0L;
        Long credit = liens;
        List<Upcoming> upcoming = new ArrayList<>();
        for (Figures f : parts) {
            t.opening += f.openingMicroSu();
            t.deposited += f.depositedMicroSu();
            t.withdrawn += f.withdrawnMicroSu();
            t.transferredIn += f.transferredInMicroSu();
            t.transferredOut += f.transferredOutMicroSu();
            t.charged += f.chargedMicroSu();
            t.refunded += f.refundedMicroSu();
            t.adjusted += f.adjustedMicroSu();
            t.expired += f.expiredMicroSu();
            t.billed += f.billedMicroSu();
            t.balance += f.balanceMicroSu();
            t.notYetActive += f.notYetActiveMicroSu();
            if (liens != null) {
                liens += f.openLiensMicroSu();
                credit += f.creditLimitMicroSu();
            }
            upcoming.addAll(f.upcoming());
        }
        return t.figures(account, Figures.SUBTREE, from, to, liens, credit, users, upcoming);
    }

    /** Figures being summed; balance is opening plus every line, whatever its kind. */
    private static final class Tally {
        long opening;
        long deposited;
        long withdrawn;
        long transferredIn;
        long transferredOut;
        long charged;
        long refunded;
        long adjusted;
        long expired;
        long billed;
        long lines;
        long balance;
        long notYetActive;

        /** A signed amount as the journal books it (money out negative). */
        void add(JournalKind kind, long amountMicroSu) {
            lines = Math.addExact(lines, amountMicroSu);
            switch (kind) {
                case DEPOSIT -> deposited += amountMicroSu;
                case WITHDRAW -> withdrawn += amountMicroSu;
                case TRANSFER -> {
                    if (amountMicroSu >= 0) {
                        transferredIn += amountMicroSu;
                    } else {
                        transferredOut += amountMicroSu;
                    }
                }
                case CHARGE -> charged += amountMicroSu;
                case REFUND -> refunded += amountMicroSu;
                case ADJUST -> adjusted += amountMicroSu;
                case EXPIRE -> expired += amountMicroSu;
                case BILL -> billed += amountMicroSu;
                // A pot in debt paid from new money: both lines are the same account's, so they add to zero.
                case SETTLE -> { }
                default -> throw new IllegalStateException("a " + kind + " line moves no money");
            }
        }

        Figures figures(String account, String scope, long from, long to, Long liens, Long credit,
                List<UserCharge> users, List<Upcoming> upcoming) {
            long closing = scope.equals(Figures.OWN) ? Math.addExact(opening, lines) : balance;
            Long available = liens == null ? null : closing - liens + credit;
            return new Figures(account, scope, from, to, opening, deposited, withdrawn, transferredIn, transferredOut,
                    charged, refunded, adjusted, expired, billed, closing, notYetActive, liens, credit, available,
                    users, upcoming);
        }
    }
}
