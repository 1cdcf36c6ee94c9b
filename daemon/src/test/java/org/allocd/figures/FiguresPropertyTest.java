package org.allocd.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.allocd.billing.BillNote;
import org.allocd.billing.BillingRuleKind;
import org.allocd.billing.CloseMonth;
import org.allocd.billing.SetBillingRule;
import org.allocd.cycle.AddGrant;
import org.allocd.cycle.CarryOver;
import org.allocd.cycle.GrantPeriod;
import org.allocd.cycle.RunGrants;
import org.allocd.ledger.Account;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.LedgerException;
import org.allocd.ledger.Operation;
import org.allocd.ledger.Role;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random ledgers (deposits with past, current and future windows, withdrawals, transfers up and down
 * the tree, liens, partial and full charges, refunds, adjustments, expiries, recurring grants, billing
 * lines booked after their month) checked after every operation, for every account: balance, statement,
 * bill and the API's balance answers give the same figures, equal to sums over the journal made here
 * line by line; a parent's subtree is its own plus its children's; available = balance - open liens +
 * credit limit, and equals what the ledger's funds rule says.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
class FiguresPropertyTest {
    @Parameter
    TestStore kind;

    /**
     * Operations per run, each followed by the checks; fewer on PostgreSQL, where every read is a network
     * round trip. -Dfigures.operations=N runs N on each store (a long run before a release).
     */
    private static final Map<TestStore, Integer> OPERATIONS = Map.of(TestStore.SQLITE, 300,
            TestStore.POSTGRESQL, 150);
    private static final long SU = 1_000_000L;
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long DAY_MILLIS = 24 * HOUR_MILLIS;
    private static final String[] ACCOUNTS = {"root", "a", "a1", "b"};
    private static final String[] PARENTS = {null, "root", "a", "root"};
    private static final String[] USERS = {"alice", "bob"};

    @TempDir
    Path dir;

    @Test
    void everyViewAgreesWithTheJournalAfterEveryOperation() {
        long seed = Long.getLong("figures.seed", System.nanoTime());
        try (FiguresWorld w = new FiguresWorld(dir, kind)) {
            Random random = new Random(seed);
            for (int i = 0; i < ACCOUNTS.length; i++) {
                w.apply(new Operation.CreateAccount(w.key(), "admin", ACCOUNTS[i], PARENTS[i], "", "",
                        random.nextInt(3) == 0 ? random.nextInt(50) * SU : 0));
            }
            for (String user : USERS) {
                w.apply(new Operation.AddUser(w.key(), "admin", user, null, null));
                for (String account : ACCOUNTS) {
                    w.apply(new Operation.AddMembership(w.key(), "admin", user, account, Role.MEMBER, null));
                }
            }
            Reference reference = new Reference();
            List<String> openJobs = new ArrayList<>();
            List<String> chargedJobs = new ArrayList<>();
            int operations = Integer.getInteger("figures.operations", OPERATIONS.get(kind));
            for (int step = 0; step < operations; step++) {
                String op = randomOperation(w, random, openJobs, chargedJobs);
                reference.catchUp(w);
                check(w, reference, random, "seed " + seed + ", step " + step + " (" + op + ")");
            }
            w.assertClean();
        }
    }

    private static String randomOperation(FiguresWorld w, Random random, List<String> openJobs,
            List<String> chargedJobs) {
        w.clock.advanceMillis(random.nextInt(4) == 0 ? random.nextInt(3) * DAY_MILLIS + random.nextInt(24) * HOUR_MILLIS
                : random.nextInt(600_000));
        String account = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
        long amount = (1 + random.nextInt(200)) * SU + random.nextInt(1_000_000);
        long now = w.clock.millis();
        int choice = random.nextInt(13);
        try {
            switch (choice) {
                case 0, 1 -> {
                    // a deposit whose window started in the past, starts now or starts later; some end soon
                    long start = switch (random.nextInt(3)) {
                        case 0 -> now - random.nextInt(20) * DAY_MILLIS;
                        case 1 -> now;
                        default -> now + 1 + random.nextInt(20) * DAY_MILLIS;
                    };
                    Long end = random.nextInt(3) == 0 ? null : start + (1 + random.nextInt(30)) * DAY_MILLIS;
                    w.apply(new Operation.Deposit(w.key(), "admin", account, amount, start, end, "grant"));
                    return "deposit " + account;
                }
                case 2 -> {
                    w.apply(new Operation.Withdraw(w.key(), "admin", account, amount / 4, "back"));
                    return "withdraw " + account;
                }
                case 3 -> {
                    int i = 1 + random.nextInt(ACCOUNTS.length - 1);
                    boolean down = random.nextBoolean();
                    String from = down ? PARENTS[i] : ACCOUNTS[i];
                    String to = down ? ACCOUNTS[i] : PARENTS[i];
                    w.apply(new Operation.Transfer(w.key(), "admin", from, to, amount / 3, "move"));
                    return "transfer " + from + " -> " + to;
                }
                case 4, 5, 6 -> {
                    String job = "c/" + w.key() + "/0";
                    String user = USERS[random.nextInt(USERS.length)];
                    w.apply(new Operation.PlaceLien("lien:" + job, "slurm", job, account, user, amount / 5, 7200,
                            null));
                    openJobs.add(job);
                    return "lien " + account;
                }
                case 7, 8 -> {
                    if (openJobs.isEmpty()) {
                        return "nothing";
                    }
                    String job = openJobs.remove(random.nextInt(openJobs.size()));
                    long lien = w.store.read(v -> v.job(job)).orElseThrow().lienMicroSu();
                    long charge = random.nextBoolean() ? lien : (long) (lien * random.nextDouble());
                    w.apply(new Operation.ChargeJob("charge:" + job, "slurm", job, null, null, charge, "ended"));
                    chargedJobs.add(job);
                    return "charge " + job;
                }
                case 9 -> {
                    if (chargedJobs.isEmpty()) {
                        return "nothing";
                    }
                    String job = chargedJobs.get(random.nextInt(chargedJobs.size()));
                    w.apply(new Operation.Refund(w.key(), "admin", job, random.nextBoolean() ? 0 : 1 + random.nextInt(
                            1_000_000), "node failed"));
                    return "refund " + job;
                }
                case 10 -> {
                    w.apply(new Operation.Adjust(w.key(), "admin", account, (random.nextBoolean() ? 1 : -1) * amount
                            / 10, "correction"));
                    return "adjust " + account;
                }
                case 11 -> {
                    if (random.nextInt(10) == 0) {
                        w.apply(new AddGrant(w.key(), "admin", account, amount, GrantPeriod.MONTHLY,
                                now - random.nextInt(40) * DAY_MILLIS, null, CarryOver.parse(random.nextBoolean() ? "all"
                                        : "none"), "UTC", "cycle"));
                    }
                    w.apply(new RunGrants(w.key(), "housekeeping"));
                    w.apply(new Operation.ExpireAllocations(w.key(), "housekeeping"));
                    return "grants and expiry";
                }
                default -> {
                    // A fixed billing line of last month, booked now (after the month closed).
                    String month = BillNote.monthOf(now - 31 * DAY_MILLIS);
                    w.apply(new SetBillingRule(w.key(), "admin", account, "fee" + random.nextInt(3),
                            BillingRuleKind.FIXED, (random.nextBoolean() ? 1 : -1) * amount / 20, 0));
                    w.apply(new CloseMonth(w.key(), "admin", month, account, null));
                    return "bill " + account + " " + month;
                }
            }
        } catch (LedgerException refused) {
            return "refused: " + refused.getMessage();
        }
    }

    private static void check(FiguresWorld w, Reference ref, Random random, String context) {
        long now = w.clock.millis();
        Map<String, JsonNode> rows = new HashMap<>();
        for (JsonNode row : w.ask("balances", Map.of()).get("rows")) {
            rows.put(row.get("account").asText(), row);
        }
        // A random period: from a random instant of the ledger's life, to a random later one (maybe past now).
        long from = FiguresWorld.T0 + (long) (random.nextDouble() * (now - FiguresWorld.T0));
        long to = from + 1 + (long) (random.nextDouble() * (now + 5 * DAY_MILLIS - from));
        String month = BillNote.monthOf(FiguresWorld.T0 + (long) (random.nextDouble() * (now - FiguresWorld.T0)));
        String chosen = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
        for (int i = 0; i < ACCOUNTS.length; i++) {
            String name = ACCOUNTS[i];
            String where = context + ", account " + name;
            JsonNode row = rows.get(name);
            JsonNode own = row.get("own");
            JsonNode subtree = row.get("subtree");
            Account account = w.store.read(v -> v.account(name)).orElseThrow();
            // the funds rule the quote and the lien use
            var funds = w.ledger.balance(name);
            assertEquals(funds.balanceMicroSu(), own.get("balance_micro_su").asLong(), where + ": own balance");
            assertEquals(funds.availableMicroSu(), own.get("available_micro_su").asLong(), where + ": own available");
            for (JsonNode f : List.of(own, subtree)) {
                assertEquals(f.get("balance_micro_su").asLong() - f.get("open_liens_micro_su").asLong()
                        + f.get("credit_limit_micro_su").asLong(), f.get("available_micro_su").asLong(),
                        where + ": available = balance - open liens + credit limit");
                assertColumnsAddUp(f, where);
            }
            // the sum over the journal, line by line
            assertEquals(ref.balance(account.id(), now + 1, now), own.get("balance_micro_su").asLong(),
                    where + ": balance = the journal's sum");
            // subtree = own + children's subtrees
            long children = 0;
            for (int c = 0; c < ACCOUNTS.length; c++) {
                if (name.equals(PARENTS[c])) {
                    children += rows.get(ACCOUNTS[c]).get("subtree").get("balance_micro_su").asLong();
                }
            }
            assertEquals(own.get("balance_micro_su").asLong() + children, subtree.get("balance_micro_su").asLong(),
                    where + ": subtree = own + children");
            if (name.equals(chosen)) {
                checkViews(w, ref, where, account, row, from, to, month);
            }
        }
    }

    /** Every other view of one account: the API's balance, statements of a random period and month, the bill. */
    private static void checkViews(FiguresWorld w, Reference ref, String where, Account account, JsonNode row,
            long from, long to, String month) {
        long now = w.clock.millis();
        String name = account.name();
        JsonNode own = row.get("own");
        JsonNode subtree = row.get("subtree");
        // the HTTP API's /v1/balance answer is the same row
        JsonNode single = w.ask("balance", Map.of("account", name));
        assertEquals(subtree, single.get("subtree"), where + ": /v1/balance subtree");
        assertEquals(own, single.get("own"), where + ": /v1/balance own");
        // a statement up to now closes at the balance
        JsonNode upToNow = w.ask("statement", Map.of("account", name, "from_ms", now - 40 * DAY_MILLIS));
        assertEquals(subtree.get("balance_micro_su").asLong(), upToNow.get("balance_micro_su").asLong(),
                where + ": statement up to now = balance");
        // a random period: own figures against the journal
        JsonNode period = w.ask("statement", Map.of("account", name, "from_ms", from, "to_ms", to, "own", "yes"));
        long end = Math.min(to, now + 1);
        assertEquals(ref.balance(account.id(), Math.min(from, end), now), period.get("opening_micro_su").asLong(),
                where + ": opening of [" + from + ", " + to + ")");
        assertEquals(ref.balance(account.id(), end, now), period.get("balance_micro_su").asLong(),
                where + ": closing of [" + from + ", " + to + ")");
        assertEquals(ref.deposited(account.id(), Math.min(from, end), end),
                period.get("deposited_micro_su").asLong(), where + ": deposited in the period");
        assertEquals(ref.notYetActive(account.id(), end), period.get("not_yet_active_micro_su").asLong(),
                where + ": not yet active at the period's end");
        assertColumnsAddUp(period, where);
        // a month: the bill, the statement, and the next month's opening
        JsonNode bill = w.ask("bill", Map.of("account", name, "month", month));
        JsonNode statement = w.ask("statement", Map.of("account", name, "month", month));
        for (String field : new String[] {"opening_micro_su", "deposited_micro_su", "withdrawn_micro_su",
                "transferred_in_micro_su", "transferred_out_micro_su", "charged_micro_su", "refunded_micro_su",
                "adjusted_micro_su", "expired_micro_su", "billed_micro_su", "balance_micro_su"}) {
            assertEquals(statement.get(field), bill.get("total").get(field), where + ": bill = statement, " + field
                    + " of " + month);
        }
        long monthEnd = BillNote.monthEndMillis(month);
        if (monthEnd <= now) {
            JsonNode next = w.ask("statement", Map.of("account", name, "month", BillNote.monthOf(monthEnd)));
            assertEquals(bill.get("total").get("balance_micro_su"), next.get("opening_micro_su"),
                    where + ": closing of " + month + " = opening of the next month");
        }
    }

    /** opening + the ten figures = balance, and the signs are as docs/numbers.md says. */
    static void assertColumnsAddUp(JsonNode f, String where) {
        long sum = f.get("opening_micro_su").asLong();
        for (String field : new String[] {"deposited_micro_su", "withdrawn_micro_su", "transferred_in_micro_su",
                "transferred_out_micro_su", "charged_micro_su", "refunded_micro_su", "adjusted_micro_su",
                "expired_micro_su", "billed_micro_su"}) {
            assertNotNull(f.get(field), where + ": " + field);
            sum += f.get(field).asLong();
        }
        assertEquals(f.get("balance_micro_su").asLong(), sum, where + ": opening + figures = balance in " + f);
        assertTrue(f.get("withdrawn_micro_su").asLong() <= 0 && f.get("charged_micro_su").asLong() <= 0
                && f.get("transferred_out_micro_su").asLong() <= 0 && f.get("expired_micro_su").asLong() <= 0
                && f.get("deposited_micro_su").asLong() >= 0 && f.get("refunded_micro_su").asLong() >= 0
                && f.get("transferred_in_micro_su").asLong() >= 0, where + ": signs in " + f);
    }

    /**
     * The figures made here from every journal line, read one by one (the rules of docs/numbers.md, "When
     * a line counts", written out again).
     */
    private static final class Reference {
        private final List<JournalEntry> lines = new ArrayList<>();
        private final Map<Long, Allocation> allocations = new HashMap<>();
        private long lastId;

        void catchUp(FiguresWorld w) {
            w.store.read(v -> {
                v.forEachJournalEntry(e -> {
                    if (e.id() > lastId) {
                        lastId = e.id();
                        if (e.kind().movesMoney()) {
                            lines.add(e);
                        }
                    }
                });
                v.forEachAllocation(a -> allocations.put(a.id(), a));
                return null;
            });
        }

        long countsAtMillis(JournalEntry e) {
            Allocation a = allocations.get(e.allocationId());
            if (e.kind() == JournalKind.DEPOSIT) {
                return Math.max(e.atMillis(), a.startsAtMillis());
            }
            if (e.kind() == JournalKind.BILL) {
                return Math.min(e.atMillis(), BillNote.monthEndMillis(BillNote.parse(e.note()).orElseThrow().month()) - 1);
            }
            return e.atMillis();
        }

        /** The account's own balance just before beforeMillis; at now + 1, ended allocations count as expired. */
        long balance(long accountId, long beforeMillis, long nowMillis) {
            long sum = 0;
            for (JournalEntry e : lines) {
                if (e.accountId() == accountId && countsAtMillis(e) < beforeMillis) {
                    sum += e.amountMicroSu();
                }
            }
            if (beforeMillis == nowMillis + 1) {
                for (Allocation a : allocations.values()) {
                    if (a.accountId() == accountId && !a.pot() && !a.expired() && a.endsAtMillis() != null
                            && a.endsAtMillis() <= nowMillis) {
                        sum -= a.remainingMicroSu();
                    }
                }
            }
            return sum;
        }

        long deposited(long accountId, long fromMillis, long toMillis) {
            long sum = 0;
            for (JournalEntry e : lines) {
                long at = countsAtMillis(e);
                if (e.accountId() == accountId && e.kind() == JournalKind.DEPOSIT && at >= fromMillis && at < toMillis) {
                    sum += e.amountMicroSu();
                }
            }
            return sum;
        }

        long notYetActive(long accountId, long atMillis) {
            long sum = 0;
            for (JournalEntry e : lines) {
                if (e.accountId() == accountId && e.kind() == JournalKind.DEPOSIT && e.atMillis() < atMillis
                        && countsAtMillis(e) >= atMillis) {
                    sum += e.amountMicroSu();
                }
            }
            return sum;
        }
    }
}
