package org.allocd.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.allocd.figures.AccountFigures;
import org.allocd.figures.Figures;
import org.junit.jupiter.api.Test;

/** The store's SQL sums of money lines (statement, jobcharge) against the journal's lines added up one by one. */
class JournalSumsTest extends LedgerOnEachStore {
    private static final Comparator<JournalSum> ORDER = Comparator.comparingLong(JournalSum::accountId)
            .thenComparing(JournalSum::kind).thenComparing(s -> Objects.toString(s.userName(), ""))
            .thenComparingLong(JournalSum::amountMicroSu);

    @Test
    void sumsMatchTheLinesInTheWindowAndAddUpToTheBalance() {
        f.account("proj", null);
        f.account("sub", "proj");
        f.account("other", null);
        f.user("ann", "proj");
        f.user("ben", "sub");
        f.apply(new Operation.AddMembership(f.key(), "admin", "ann", "proj", Role.MEMBER, null));
        f.apply(new Operation.AddMembership(f.key(), "admin", "ben", "sub", Role.MEMBER, null));
        f.apply(new Operation.AddMembership(f.key(), "admin", "ann", "other", Role.MEMBER, null));
        f.apply(new Operation.Deposit(f.key(), "admin", "proj", 3 * LedgerFixture.SU, null,
                LedgerFixture.T0 + 100 * LedgerFixture.HOUR_MILLIS, "ends first"));
        f.deposit("proj", 10 * LedgerFixture.SU);
        f.deposit("sub", 10 * LedgerFixture.SU);
        f.deposit("other", 10 * LedgerFixture.SU);
        long fromMillis = LedgerFixture.T0 + LedgerFixture.HOUR_MILLIS;
        f.clock.advanceMillis(LedgerFixture.HOUR_MILLIS);
        f.lien("c/1/0", "proj", "ann", 5 * LedgerFixture.SU);
        f.charge("c/1/0", 4 * LedgerFixture.SU); // drawn from both of proj's allocations: two CHARGE lines
        f.lien("c/2/0", "proj", "ann", LedgerFixture.SU);
        f.charge("c/2/0", LedgerFixture.SU / 2);
        f.lien("c/3/0", "sub", "ben", 2 * LedgerFixture.SU);
        f.charge("c/3/0", 2 * LedgerFixture.SU);
        f.apply(new Operation.Refund(f.key(), "admin", "c/3/0", LedgerFixture.SU / 4, "node failure"));
        f.apply(new Operation.Transfer(f.key(), "admin", "proj", "other", LedgerFixture.SU, "lend"));
        f.apply(new Operation.Transfer(f.key(), "admin", "other", "proj", LedgerFixture.SU / 2, "repay"));
        f.lien("c/4/0", "other", "ann", LedgerFixture.SU);
        f.charge("c/4/0", LedgerFixture.SU);
        long toMillis = LedgerFixture.T0 + 2 * LedgerFixture.HOUR_MILLIS;
        f.clock.advanceMillis(LedgerFixture.HOUR_MILLIS);
        f.lien("c/5/0", "proj", "ann", LedgerFixture.SU); // after the window
        f.charge("c/5/0", LedgerFixture.SU);

        long proj = f.store.read(v -> v.account("proj")).orElseThrow().id();
        List<JournalSum> sums = f.store.read(v -> v.journalSumsOfSubtree(proj, fromMillis, toMillis));
        assertEquals(byHand(f, proj, fromMillis, toMillis), sorted(sums));
        assertTrue(sums.stream().anyMatch(s -> s.kind() == JournalKind.CHARGE && "ann".equals(s.userName())
                && s.jobs() == 2), () -> "ann's two jobs, one of them in two lines: " + sums);

        // Over all time, opening 0 + every line = the account's balance.
        Figures s = f.store.read(v -> AccountFigures.of(v, v.accountById(proj).orElseThrow(),
                0, Long.MAX_VALUE, f.clock.millis())).own();
        assertEquals(f.balance("proj").balanceMicroSu(), s.balanceMicroSu());
        assertEquals(LedgerFixture.SU / 2, s.transferredInMicroSu());
        assertEquals(-LedgerFixture.SU, s.transferredOutMicroSu());
        f.assertClean();
    }

    /** The same sums from every journal line, read one by one. */
    private static List<JournalSum> byHand(LedgerFixture f, long accountId, long fromMillis, long toMillis) {
        Set<Long> subtree = new HashSet<>();
        f.store.read(v -> v.subtree(accountId)).forEach(a -> subtree.add(a.id()));
        Map<List<Object>, long[]> sums = new HashMap<>();
        Map<List<Object>, Set<String>> jobs = new HashMap<>();
        f.store.read(v -> {
            v.forEachJournalEntry(e -> {
                if (e.accountId() == null || !subtree.contains(e.accountId()) || !e.kind().movesMoney()
                        || e.atMillis() < fromMillis || e.atMillis() >= toMillis) {
                    return;
                }
                List<Object> group = new ArrayList<>(List.of(e.accountId(), e.kind(), Objects.toString(e.userName(),
                        "-")));
                if (e.kind() == JournalKind.TRANSFER) {
                    group.add(e.amountMicroSu() >= 0);
                }
                sums.computeIfAbsent(group, g -> new long[1])[0] += e.amountMicroSu();
                Set<String> keys = jobs.computeIfAbsent(group, g -> new HashSet<>());
                if (e.jobKey() != null) {
                    keys.add(e.jobKey());
                }
            });
            return null;
        });
        List<JournalSum> rows = new ArrayList<>();
        sums.forEach((g, sum) -> rows.add(new JournalSum((Long) g.get(0), (JournalKind) g.get(1),
                "-".equals(g.get(2)) ? null : (String) g.get(2), sum[0], jobs.get(g).size())));
        return sorted(rows);
    }

    private static List<JournalSum> sorted(List<JournalSum> sums) {
        return sums.stream().sorted(ORDER).toList();
    }
}
