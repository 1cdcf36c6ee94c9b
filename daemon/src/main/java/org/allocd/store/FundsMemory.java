package org.allocd.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.allocd.ledger.Account;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.CycleStart;
import org.allocd.ledger.FundsView;
import org.allocd.ledger.Membership;
import org.allocd.ledger.User;

/**
 * The rows a submit-time funds check reads (accounts, their allocations,
 * users, memberships), kept in memory so a QUOTE is answered on the socket's
 * event loop without a database read. Used only when this process is the
 * database's sole writer; any thread may read it.
 *
 * <p>An answer from it is one the database gave or would give, because:
 * <ul>
 * <li>rows come only from {@link #remembering} reads, and are kept only if no
 *     write committed while that read ran (the generation did not move);</li>
 * <li>each committed write task forgets the rows it changed, before its caller
 *     is answered ({@link #forget}), and moves the generation;</li>
 * <li>an answer whose rows straddle a forget (the generation moved while it
 *     ran) is thrown away, so its rows are all of one committed state;</li>
 * <li>a row is used for at most {@link #MAX_AGE_NANOS}, so a change made behind
 *     allocd's back (sqlite3 on the file) is seen within a second.</li>
 * </ul>
 */
final class FundsMemory {
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    private record Held<T>(T row, long loadedNanos) {}

    /** A row that is not held: the answer needs the database. Thrown often, so without a stack trace. */
    private static final class NotHeld extends RuntimeException {
        static final NotHeld INSTANCE = new NotHeld();

        private NotHeld() {
            super("not held in memory", null, false, false);
        }
    }

    private final Map<Long, Held<Account>> accounts = new ConcurrentHashMap<>();
    /** Names and ids of accounts never change, so these are never forgotten. */
    private final Map<String, Long> accountIds = new ConcurrentHashMap<>();
    private final Map<Long, Held<List<Allocation>>> allocations = new ConcurrentHashMap<>();
    /** Which account an allocation belongs to: fixed for its life. */
    private final Map<Long, Long> allocationAccounts = new ConcurrentHashMap<>();
    private final Map<String, Held<User>> users = new ConcurrentHashMap<>();
    private final Map<MembershipKey, Held<Membership>> memberships = new ConcurrentHashMap<>();
    /** Moves on every forget; written only under the lock. */
    private volatile long generation;

    long generation() {
        return generation;
    }

    /** work over the held rows; empty when one it needs is missing or too old, or a write committed meanwhile. */
    <R> Optional<R> answer(Function<FundsView, R> work) {
        long before = generation;
        R result;
        try {
            result = work.apply(new HeldView(System.nanoTime()));
        } catch (NotHeld e) {
            return Optional.empty();
        }
        return generation == before ? Optional.of(result) : Optional.empty();
    }

    /** database, remembering each row it finds; generation is this memory's as it was before the read began. */
    FundsView remembering(FundsView database, long generation) {
        return new FundsView() {
            @Override
            public Optional<Account> account(String name) {
                return database.account(name).map(a -> rememberAccount(a, generation));
            }

            @Override
            public Optional<Account> accountById(long id) {
                return database.accountById(id).map(a -> rememberAccount(a, generation));
            }

            @Override
            public Optional<User> user(String name) {
                Optional<User> user = database.user(name);
                user.ifPresent(u -> keep(generation, () -> put(users, name, held(u))));
                return user;
            }

            @Override
            public Optional<Membership> membership(long userId, long accountId) {
                Optional<Membership> membership = database.membership(userId, accountId);
                membership.ifPresent(m -> keep(generation,
                        () -> put(memberships, new MembershipKey(userId, accountId), held(m))));
                return membership;
            }

            @Override
            public List<String> coordinatorNames(long accountId) {
                return database.coordinatorNames(accountId);
            }

            @Override
            public List<Allocation> allocations(long accountId) {
                List<Allocation> list = List.copyOf(database.allocations(accountId));
                keep(generation, () -> {
                    list.forEach(a -> put(allocationAccounts, a.id(), accountId));
                    put(allocations, accountId, held(list));
                });
                return list;
            }

            @Override
            public long userChargedMicroSu(long accountId, String userName, long sinceMillis) {
                return database.userChargedMicroSu(accountId, userName, sinceMillis);
            }

            @Override
            public long userLienedMicroSu(long accountId, String userName) {
                return database.userLienedMicroSu(accountId, userName);
            }

            @Override
            public Optional<CycleStart> cycleStart(long accountId, long atMillis) {
                return database.cycleStart(accountId, atMillis);
            }
        };
    }

    private Account rememberAccount(Account account, long generation) {
        keep(generation, () -> {
            put(accountIds, account.name(), account.id());
            put(accounts, account.id(), held(account));
        });
        return account;
    }

    /** Runs puts only if no write committed since the read began at this generation. */
    private synchronized void keep(long generation, Runnable puts) {
        if (this.generation == generation) {
            puts.run();
        }
    }

    private static <T> Held<T> held(T row) {
        return new Held<>(row, System.nanoTime());
    }

    /** Bounds memory on a site with very many accounts or users: past this a table starts over. */
    private static <K, V> void put(Map<K, V> table, K key, V value) {
        if (table.size() >= CacheTable.MAX_ROWS && !table.containsKey(key)) {
            table.clear();
        }
        table.put(key, value);
    }

    /** A write task committed these changes: the rows they touched are read again from the database. */
    synchronized void forget(FundsChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        generation++;
        if (changes.usersChanged()) {
            users.clear();
        }
        changes.memberships().forEach(memberships::remove);
        for (long allocationId : changes.allocationIds()) {
            Long accountId = allocationAccounts.get(allocationId);
            if (accountId != null) {
                forgetAccount(accountId);
            }
        }
        changes.accountIds().forEach(this::forgetAccount);
    }

    private void forgetAccount(long accountId) {
        accounts.remove(accountId);
        allocations.remove(accountId);
    }

    private final class HeldView implements FundsView {
        private final long nowNanos;

        HeldView(long nowNanos) {
            this.nowNanos = nowNanos;
        }

        private <T> T fresh(Held<T> held) {
            if (held == null || nowNanos - held.loadedNanos() >= MAX_AGE_NANOS) {
                throw NotHeld.INSTANCE;
            }
            return held.row();
        }

        @Override
        public Optional<Account> account(String name) {
            Long id = accountIds.get(name);
            if (id == null) {
                throw NotHeld.INSTANCE;
            }
            return accountById(id);
        }

        @Override
        public Optional<Account> accountById(long id) {
            return Optional.of(fresh(accounts.get(id)));
        }

        @Override
        public Optional<User> user(String name) {
            return Optional.of(fresh(users.get(name)));
        }

        @Override
        public List<String> coordinatorNames(long accountId) {
            throw NotHeld.INSTANCE; // only a refusal reads it: the database answers
        }

        @Override
        public Optional<Membership> membership(long userId, long accountId) {
            return Optional.of(fresh(memberships.get(new MembershipKey(userId, accountId))));
        }

        @Override
        public List<Allocation> allocations(long accountId) {
            return fresh(allocations.get(accountId));
        }

        /** Never held: a quote for a member with a limit is answered by the database. */
        @Override
        public long userChargedMicroSu(long accountId, String userName, long sinceMillis) {
            throw NotHeld.INSTANCE;
        }

        @Override
        public long userLienedMicroSu(long accountId, String userName) {
            throw NotHeld.INSTANCE;
        }

        @Override
        public Optional<CycleStart> cycleStart(long accountId, long atMillis) {
            throw NotHeld.INSTANCE;
        }
    }
}
