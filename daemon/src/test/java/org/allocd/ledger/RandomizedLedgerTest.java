package org.allocd.ledger;

import static org.allocd.ledger.LedgerFixture.SU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thousands of random operation sequences, repeats of the same idempotency
 * key and concurrent callers against a real SQLite file: after each sequence
 * verify is clean and every balance equals the independent model's.
 */
@ParameterizedClass
@EnumSource(TestStore.class)
class RandomizedLedgerTest {
    @Parameter
    TestStore kind;

    /** Fewer on PostgreSQL, where every operation is a network round trip: the run must stay short. */
    private static final Map<TestStore, Integer> DATABASES = Map.of(TestStore.SQLITE, 5, TestStore.POSTGRESQL, 1);
    private static final int SEQUENCES_PER_DATABASE = 200;
    private static final int OPS_PER_SEQUENCE = 10;
    private static final int CONCURRENT_CALLERS = 4;
    private static final int CONCURRENT_OPS_PER_CALLER = 150;
    private static final String[] USERS = {"alice", "bob", "carol"};

    @TempDir
    Path dir;

    /** One caller's world: its accounts, its model, its random source. */
    private static final class World {
        final Ledger ledger;
        final LedgerModel model = new LedgerModel();
        final Random random;
        final String prefix;
        final List<String> accountNames = new ArrayList<>();
        final List<Operation> history = new ArrayList<>();
        int nextKey;
        int nextJob;
        Operation lastOp;

        World(Ledger ledger, long seed, String prefix) {
            this.ledger = ledger;
            this.random = new Random(seed);
            this.prefix = prefix;
        }

        void setUp() {
            for (int i = 0; i < 3; i++) {
                String name = prefix + "acct" + i;
                long credit = random.nextInt(3) == 0 ? randomAmount(10) : 0;
                ledger.apply(new Operation.CreateAccount(key(), "admin", name, null, "", "", credit));
                LedgerModel.Acct acct = new LedgerModel.Acct();
                acct.credit = credit;
                model.accounts.put(name, acct);
                accountNames.add(name);
                for (String user : USERS) {
                    if (user.equals("carol") && i == 2) {
                        continue; // carol is not a member of the third account
                    }
                    ledger.apply(new Operation.AddMembership(key(), "admin", user, name, Role.MEMBER, null));
                    model.members.add(user + "@" + name);
                }
            }
        }

        String key() {
            return prefix + "op" + nextKey++;
        }

        long randomAmount(int maxSu) {
            return 1 + (long) (random.nextDouble() * maxSu * SU);
        }

        String account() {
            return accountNames.get(random.nextInt(accountNames.size()));
        }

        String job() {
            return nextJob == 0 || random.nextInt(4) == 0 ? prefix + "job" + nextJob++
                    : prefix + "job" + random.nextInt(nextJob);
        }

        Operation randomOperation() {
            if (!history.isEmpty() && random.nextInt(8) == 0) {
                Operation earlier = history.get(random.nextInt(history.size()));
                if (random.nextInt(3) > 0) {
                    return earlier; // the same request again
                }
                // the same key for a different request
                return new Operation.Adjust(earlier.opKey(), "admin", account(), 1, "reused key");
            }
            String k = key();
            return switch (random.nextInt(11)) {
                case 0 -> new Operation.Deposit(k, "admin", account(), randomAmount(40), null, null, "grant");
                case 1 -> new Operation.Withdraw(k, "admin", account(), randomAmount(20), "back");
                case 2 -> {
                    String from = account();
                    String to = accountNames.get((accountNames.indexOf(from) + 1) % accountNames.size());
                    yield new Operation.Transfer(k, "admin", from, to, randomAmount(20), "share");
                }
                case 3 -> new Operation.Adjust(k, "admin", account(), randomAmount(5) * (random.nextBoolean() ? 1 : -1),
                        "correction");
                case 4, 5 -> new Operation.PlaceLien(k, "slurm", job(), account(), USERS[random.nextInt(3)],
                        random.nextInt(10) == 0 ? 0 : randomAmount(30), 86_400L, null);
                case 6 -> new Operation.AdjustLien(k, "slurm", job(), randomAmount(30), 86_400L);
                case 7, 8 -> new Operation.ChargeJob(k, "slurm", job(), random.nextBoolean() ? account() : null, "alice",
                        random.nextInt(10) == 0 ? 0 : randomAmount(40), "end");
                case 9 -> random.nextBoolean() ? new Operation.ReleaseLien(k, "slurm", job(), "cancelled")
                        : new Operation.Refund(k, "admin", job(), random.nextBoolean() ? 0 : randomAmount(10), "fault");
                default -> new Operation.SetAccountState(k, "admin", account(),
                        random.nextInt(3) == 0 ? AccountState.FROZEN : AccountState.ACTIVE);
            };
        }

        void step() {
            Operation op = randomOperation();
            lastOp = op;
            LedgerModel.Outcome expected = model.predict(op);
            try {
                OpResult result = ledger.apply(op);
                assertEquals(null, expected.refusal(), () -> op + " succeeded, the model expected a refusal");
                assertEquals(expected.amountMicroSu(), result.amountMicroSu(), () -> "amount of " + op);
                history.add(op);
            } catch (LedgerException e) {
                assertEquals(expected.refusal(), e.refusal(), () -> op + " refused: " + e.getMessage());
            }
        }

        /** A funds check answered from memory (as a QUOTE is) gives the database's answer, or none. */
        void assertFundsMemoryAgrees() {
            String account = account();
            String user = USERS[random.nextInt(USERS.length)];
            long amount = randomAmount(30);
            Optional<Object> memory;
            try {
                memory = ledger.checkFundsInMemory(account, user, amount).map(c -> c);
            } catch (LedgerException e) {
                memory = Optional.of(e.refusal());
            }
            Object database;
            try {
                database = ledger.checkFunds(account, user, amount);
            } catch (LedgerException e) {
                database = e.refusal();
            }
            Object expected = database;
            memory.ifPresent(m -> assertEquals(expected, m, () -> "memory's funds check of " + account + " for "
                    + user + " after " + lastOp));
        }

        void assertBalancesMatchModel() {
            for (String name : accountNames) {
                Balance b = ledger.balance(name);
                LedgerModel.Acct expected = model.accounts.get(name);
                assertEquals(expected.balance, b.balanceMicroSu(), "balance of " + name);
                assertEquals(expected.liened, b.lienedMicroSu(), "liened of " + name);
            }
        }
    }

    @Test
    void randomSequencesAgreeWithTheModelAndVerifyClean() throws Exception {
        int sequences = 0;
        for (int db = 0; db < DATABASES.get(kind); db++) {
            Path dbDir = Files.createDirectory(dir.resolve("db" + db));
            try (LedgerFixture f = new LedgerFixture(dbDir, kind)) {
                for (String user : USERS) {
                    f.user(user, null);
                }
                World world = new World(f.ledger, 1000 + db, "");
                world.setUp();
                for (int s = 0; s < SEQUENCES_PER_DATABASE; s++) {
                    for (int i = 0; i < OPS_PER_SEQUENCE; i++) {
                        world.step();
                        world.assertFundsMemoryAgrees();
                    }
                    f.assertClean();
                    world.assertBalancesMatchModel();
                    sequences++;
                }
                concurrentCallers(f, db);
            }
        }
        assertEquals(DATABASES.get(kind) * SEQUENCES_PER_DATABASE, sequences);
    }

    /**
     * Callers in parallel on their own accounts (so each one's model order is
     * its own order), all of them also sending the same shared deposits under
     * the same keys: each shared key is applied exactly once.
     */
    private void concurrentCallers(LedgerFixture f, int db) throws Exception {
        f.account("common", null);
        List<Operation.Deposit> shared = new ArrayList<>();
        long sharedTotal = 0;
        for (int i = 0; i < 20; i++) {
            long amount = (i + 1) * SU;
            shared.add(new Operation.Deposit("shared-" + i, "portal", "common", amount, null, null, "shared"));
            sharedTotal += amount;
        }
        Map<String, AtomicInteger> firstAnswers = new ConcurrentHashMap<>();
        List<World> worlds = new ArrayList<>();
        for (int c = 0; c < CONCURRENT_CALLERS; c++) {
            World w = new World(f.ledger, 7000 + db * 10 + c, "t" + c + "-");
            w.setUp();
            worlds.add(w);
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CALLERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (World w : worlds) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < CONCURRENT_OPS_PER_CALLER; i++) {
                        w.step();
                        if (i % 5 == 0) {
                            Operation.Deposit d = shared.get(w.random.nextInt(shared.size()));
                            OpResult r = f.ledger.apply(d);
                            assertEquals(d.amountMicroSu(), r.amountMicroSu());
                            if (!r.replayed()) {
                                firstAnswers.computeIfAbsent(d.opKey(), k -> new AtomicInteger()).incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdown();
        }
        // every shared key sent by anyone was applied once; send the rest once to total up
        for (Operation.Deposit d : shared) {
            if (!f.ledger.apply(d).replayed()) {
                firstAnswers.computeIfAbsent(d.opKey(), k -> new AtomicInteger()).incrementAndGet();
            }
        }
        firstAnswers.forEach((key, count) -> assertEquals(1, count.get(), key + " applied more than once"));
        assertEquals(sharedTotal, f.balance("common").balanceMicroSu());
        for (World w : worlds) {
            w.assertBalancesMatchModel();
        }
        f.assertClean();
        assertTrue(firstAnswers.size() == shared.size());
    }
}
