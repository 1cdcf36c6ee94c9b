package org.allocd.ledger;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * verify's check of the running totals (JournalTotal): each day's totals are summed again from the journal's
 * lines as verify reads them, and every stored row must equal its sum, with no row missing or left over.
 */
final class TotalsCheck {
    private record Key(long accountId, JournalKind kind, String userName, long dayStartMillis) {}

    /** amount, incoming, lines and jobs of each key, from the lines; one entry per account, kind, user and day. */
    private final Map<Key, long[]> fromLines = new HashMap<>();
    private JournalEntry previous;

    /** Adds a journal line, in id order. */
    void add(JournalEntry line) {
        if (JournalTotal.counts(line)) {
            long[] sums = fromLines.computeIfAbsent(new Key(line.accountId(), line.kind(), line.userName(),
                    JournalTotal.dayStartMillis(line.atMillis())), k -> new long[4]);
            sums[0] += line.amountMicroSu();
            sums[1] += Math.max(0, line.amountMicroSu());
            sums[2]++;
            sums[3] += JournalTotal.chargesANewJob(previous, line) ? 1 : 0;
        }
        previous = line;
    }

    /** Compares the stored totals with the lines added, reporting each difference. */
    void check(LedgerView view, Consumer<String> problem) {
        view.forEachJournalTotal(stored -> {
            long[] sums = fromLines.remove(new Key(stored.accountId(), stored.kind(), stored.userName(),
                    stored.dayStartMillis()));
            JournalTotal expected = total(stored.accountId(), stored.kind(), stored.userName(),
                    stored.dayStartMillis(), sums == null ? new long[4] : sums);
            if (!expected.equals(stored)) {
                problem.accept("the running total of " + name(view, stored) + " is " + figures(stored)
                        + " but its journal lines give " + figures(expected));
            }
        });
        fromLines.forEach((k, sums) -> {
            JournalTotal expected = total(k.accountId(), k.kind(), k.userName(), k.dayStartMillis(), sums);
            problem.accept("the running total of " + name(view, expected) + " is missing; its journal lines give "
                    + figures(expected));
        });
    }

    private static JournalTotal total(long accountId, JournalKind kind, String userName, long dayStartMillis,
            long[] sums) {
        return new JournalTotal(accountId, kind, userName, dayStartMillis, sums[0], sums[1], sums[2], sums[3]);
    }

    private static String name(LedgerView view, JournalTotal t) {
        String account = view.accountById(t.accountId()).map(Account::name).orElse("id " + t.accountId());
        return "account " + account + ", kind " + t.kind() + ", user " + Objects.toString(t.userName(), "(none)")
                + ", day " + t.day();
    }

    private static String figures(JournalTotal t) {
        return MicroSu.format(t.amountMicroSu()) + " SU (" + MicroSu.format(t.incomingMicroSu()) + " SU in) in "
                + t.lines() + " lines, " + t.jobs() + " jobs";
    }
}
