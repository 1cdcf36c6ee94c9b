package org.allocd.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.allocd.figures.AccountFigures;
import org.allocd.figures.Figures;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.Test;

/**
 * The store's sums of money lines (statement, jobcharge, balance: whole months from the running totals, the rest
 * from the lines) against the journal's lines added up one by one.
 */
class JournalSumsTest extends LedgerOnEachStore {
    private static final long DAY_MILLIS = 24 * LedgerFixture.HOUR_MILLIS;
    private static final Comparator<JournalSum> ORDER = Comparator.comparingLong(JournalSum::accountId)
            .thenComparing(JournalSum::kind).thenComparing(s -> Objects.toString(s.userName(), ""))
            .thenComparingLong(JournalSum::amountMicroSu);

    @Test
    void sumsMatchTheLinesInTheWindowAndAddUpToTheBalance() {
        tree();
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

    @Test
    void sumsOverMonthsReadFromTheRunningTotalsMatchTheLines() {
        monthsOfActivity();
        long proj = f.store.read(v -> v.account("proj")).orElseThrow().id();
        long end = f.clock.millis();
        long dayStart = JournalTotal.dayStartMillis(LedgerFixture.T0 + 40 * DAY_MILLIS);
        long monthStart = YearMonth.from(Instant.ofEpochMilli(dayStart).atZone(ZoneOffset.UTC)).atDay(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        // Day and month starts, instants near either end of a day, the newest line and past it, and random ones.
        List<Long> instants = new ArrayList<>(List.of(0L, LedgerFixture.T0, dayStart, dayStart - 1, dayStart + 1,
                JournalTotal.nextDayStartMillis(dayStart) - 1, monthStart, end, end + 1, end + 40 * DAY_MILLIS));
        Random random = new Random(23);
        for (int i = 0; i < 12; i++) {
            instants.add(LedgerFixture.T0 + (long) (random.nextDouble() * (end - LedgerFixture.T0)));
        }
        for (long from : instants) {
            for (long to : instants) {
                if (from < to) {
                    assertEquals(byHand(f, proj, from, to),
                            sorted(f.store.read(v -> v.journalSumsOfSubtree(proj, from, to))),
                            "[" + from + ", " + to + ")");
                }
            }
            long[] before = {0};
            f.store.read(v -> {
                v.forEachJournalEntry(e -> {
                    if (e.kind().movesMoney() && e.accountId() == proj && e.atMillis() < from) {
                        before[0] += e.amountMicroSu();
                    }
                });
                return null;
            });
            assertEquals(before[0], (long) f.store.read(v -> v.journalBalanceBeforeMicroSu(proj, from)),
                    "balance before " + from);
            for (long to : instants) {
                if (from < to) {
                    assertEquals(netChargedByHand(proj, from, to),
                            (long) f.store.read(v -> v.chargedOfSubtreeMicroSu(proj, from, to)), "[" + from + ", " + to + ")");
                }
            }
            for (long since : new long[] {from, Long.MIN_VALUE}) {
                assertEquals(chargedByHand(proj, "ann", since),
                        (long) f.store.read(v -> v.userChargedMicroSu(proj, "ann", since)), "ann's charges since " + since);
            }
        }
    }

    @Test
    void eachDaysMoneyIsItsLinesSummedOfTheSubtreeOrTheBank() {
        monthsOfActivity();
        long proj = f.store.read(v -> v.account("proj")).orElseThrow().id();
        long first = JournalTotal.dayStartMillis(LedgerFixture.T0) - 2 * DAY_MILLIS;
        long last = JournalTotal.nextDayStartMillis(f.clock.millis()) + DAY_MILLIS;
        for (Long account : new Long[] {proj, null}) {
            List<DayMoney> days = f.store.read(v -> v.moneyByDay(account, first, last));
            assertEquals((last - first) / DAY_MILLIS, days.size());
            long withMoney = 0;
            for (DayMoney day : days) {
                long start = day.dayStartMillis();
                assertEquals(account == null ? bankByHand(start, start + DAY_MILLIS)
                        : new DayMoney(start, netChargedByHand(proj, start, start + DAY_MILLIS),
                                depositedByHand(proj, start, start + DAY_MILLIS)), day, day.day());
                withMoney += day.chargedMicroSu() != 0 && day.depositedMicroSu() != 0 ? 1 : 0;
            }
            assertTrue(withMoney >= 25, "days with charges and deposits: " + withMoney);
        }
        assertThrows(IllegalArgumentException.class, () -> f.store.read(v -> v.moneyByDay(proj, first + 1, last)),
                "whole days only");
    }

    /** Charges less refunds of the subtree in [from, to), from every line. */
    private long netChargedByHand(long accountId, long fromMillis, long toMillis) {
        long net = 0;
        for (JournalSum sum : byHand(f, accountId, fromMillis, toMillis)) {
            if (sum.kind() == JournalKind.CHARGE || sum.kind() == JournalKind.REFUND) {
                net -= sum.amountMicroSu();
            }
        }
        return net;
    }

    private long depositedByHand(long accountId, long fromMillis, long toMillis) {
        return byHand(f, accountId, fromMillis, toMillis).stream().filter(s -> s.kind() == JournalKind.DEPOSIT)
                .mapToLong(JournalSum::amountMicroSu).sum();
    }

    /** Every account's day from its lines. */
    private DayMoney bankByHand(long fromMillis, long toMillis) {
        long[] sums = new long[2];
        f.store.read(v -> {
            v.forEachJournalEntry(e -> {
                if (e.accountId() != null && e.atMillis() >= fromMillis && e.atMillis() < toMillis) {
                    switch (e.kind()) {
                        case CHARGE, REFUND -> sums[0] -= e.amountMicroSu();
                        case DEPOSIT -> sums[1] += e.amountMicroSu();
                        default -> { }
                    }
                }
            });
            return null;
        });
        return new DayMoney(fromMillis, sums[0], sums[1]);
    }

    /** A member's charges less refunds on an account since an instant, from the journal's lines one by one. */
    private long chargedByHand(long accountId, String userName, long sinceMillis) {
        long[] charged = {0};
        f.store.read(v -> {
            v.forEachJournalEntry(e -> {
                if ((e.kind() == JournalKind.CHARGE || e.kind() == JournalKind.REFUND) && e.accountId() == accountId
                        && userName.equals(e.userName()) && e.atMillis() >= sinceMillis) {
                    charged[0] -= e.amountMicroSu();
                }
            });
            return null;
        });
        return charged[0];
    }

    @Test
    void theMigrationsBackFillGivesTheTotalsTheWriterKept() throws IOException, SQLException {
        monthsOfActivity();
        List<JournalTotal> kept = totals();
        assertTrue(kept.stream().map(JournalTotal::dayStartMillis).distinct().count() >= 3, kept::toString);
        String file = "db/migration/V24__journal_day_totals.sql";
        String migration;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int start = migration.indexOf("INSERT INTO journal_totals");
        String backFill = migration.substring(start, migration.indexOf(";", start));
        try (Connection c = TestStore.connect(f.location); Statement statement = c.createStatement()) {
            statement.execute("DELETE FROM journal_totals");
            statement.execute(backFill);
        }
        assertEquals(kept, totals());
    }

    private List<JournalTotal> totals() {
        List<JournalTotal> totals = new ArrayList<>();
        f.store.read(v -> {
            v.forEachJournalTotal(totals::add);
            return null;
        });
        return totals;
    }

    /**
     * Three months of a tree's money: jobs charged from two allocations at once, refunds a month later,
     * transfers both ways, lines without a user.
     */
    private void monthsOfActivity() {
        tree();
        f.apply(new Operation.Deposit(f.key(), "admin", "proj", 3 * LedgerFixture.SU, null,
                LedgerFixture.T0 + 100 * DAY_MILLIS, "ends later"));
        f.deposit("other", 100 * LedgerFixture.SU);
        for (int day = 0; day < 90; day += 3) {
            f.deposit("proj", 2 * LedgerFixture.SU);
            f.deposit("sub", LedgerFixture.SU);
            String job = "c/" + day + "/0";
            f.lien(job, day % 2 == 0 ? "proj" : "sub", day % 2 == 0 ? "ann" : "ben", 2 * LedgerFixture.SU);
            f.charge(job, LedgerFixture.SU + day * 1_000);
            if (day % 9 == 0) {
                f.apply(new Operation.Transfer(f.key(), "admin", "proj", "other", LedgerFixture.SU / 3, "lend"));
                f.apply(new Operation.Transfer(f.key(), "admin", "other", "proj", LedgerFixture.SU / 5, "repay"));
            }
            if (day >= 30 && day % 6 == 0) {
                f.apply(new Operation.Refund(f.key(), "admin", "c/" + (day - 30) + "/0", 1_000, "late refund"));
            }
            f.clock.advanceMillis(3 * DAY_MILLIS + 7 * LedgerFixture.HOUR_MILLIS);
        }
    }

    /** proj with sub below it, other beside them; ann a member of proj, ben of sub. */
    private void tree() {
        f.account("proj", null);
        f.account("sub", "proj");
        f.account("other", null);
        f.user("ann", "proj");
        f.user("ben", "sub");
        f.apply(new Operation.AddMembership(f.key(), "admin", "ann", "proj", Role.MEMBER, null));
        f.apply(new Operation.AddMembership(f.key(), "admin", "ben", "sub", Role.MEMBER, null));
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
                if (e.kind() == JournalKind.CHARGE) {
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
