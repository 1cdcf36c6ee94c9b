package org.allocd.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.allocd.ledger.Account;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.Job;
import org.allocd.ledger.JournalWrites.StoredOperation;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.Membership;
import org.allocd.ledger.User;

/**
 * The rows every LIEN and CHARGE reads (accounts, users, memberships, an
 * account's allocations, the journal's last line, the job and the operation key), kept on the writer thread
 * so an operation need not read them again. Only the writer thread touches it.
 *
 * <p>It is exactly the database as the writer's transaction sees it, because:
 * <ul>
 * <li>rows come from the writer's own connection, and every write of these
 *     tables goes through {@link SqlLedgerTx}, which updates or evicts them here;</li>
 * <li>a task that fails is rolled back to its savepoint, and everything it
 *     loaded or changed here is evicted ({@link #taskFailed});</li>
 * <li>a failed batch always drops the writer connection (see
 *     {@link GroupCommitWriter}), and a new connection starts an empty cache;</li>
 * <li>each batch first asks the database whether another writer committed since
 *     the last batch (StoreDialect.lockLedger: SQLite's {@code PRAGMA data_version},
 *     PostgreSQL's writer_lock row); if so it starts empty. On PostgreSQL every
 *     daemon's batch holds that row's lock, so nothing commits while a batch runs.</li>
 * </ul>
 * The verifier and every read outside the writer go to the tables.
 */
final class WriterCache {
    private final CacheTable<Long, Account> accounts = new CacheTable<>();
    private final CacheTable<String, Long> accountIds = new CacheTable<>();
    private final CacheTable<String, User> users = new CacheTable<>();
    private final CacheTable<MembershipKey, Membership> memberships = new CacheTable<>();
    private final CacheTable<Long, List<Allocation>> allocations = new CacheTable<>();
    /** Which account an allocation belongs to: fixed for its life, so never taken back. */
    private final CacheTable<Long, Long> allocationAccounts = new CacheTable<>();
    /**
     * Jobs and operation keys: each is read by an operation or two and then left, so few are kept. A write
     * of one evicts it rather than guess the stored row.
     */
    private final CacheTable<String, JobRow> jobs = new CacheTable<>(JOB_ROWS);
    private final CacheTable<String, Optional<StoredOperation>> operations = new CacheTable<>(JOB_ROWS);
    private final List<CacheTable<?, ?>> tables = List.of(accounts, accountIds, users, memberships, allocations,
            allocationAccounts, jobs, operations);
    /** The journal's last line once loaded; null with lastJournalLoaded = an empty journal. */
    private JournalEntry lastJournal;
    private boolean lastJournalLoaded;
    private boolean lastJournalTouched;

    /** Bounds the jobs and operations kept: several batches of the largest size. */
    static final int JOB_ROWS = 4_096;

    /** A job's row (null: no such job) and the rate version its lien recorded (null: none). */
    record JobRow(Job job, Integer rateVersion) {}

    private Connection connection;
    private long batchNumber = -1;
    private long ledgerVersion;

    /**
     * Called before each task with the batch's ledger version (StoreDialect.lockLedger): starts empty
     * after a failed batch or another writer's commit.
     */
    void startTask(Connection writer, long writerBatchNumber, long ledgerVersion) {
        if (writer != connection) {
            clear();
            connection = writer;
            batchNumber = writerBatchNumber;
            this.ledgerVersion = ledgerVersion;
        } else if (writerBatchNumber != batchNumber) {
            batchNumber = writerBatchNumber;
            if (ledgerVersion != this.ledgerVersion) {
                clear();
                this.ledgerVersion = ledgerVersion;
            }
        }
    }

    void taskSucceeded() {
        for (CacheTable<?, ?> table : tables) {
            table.keepTouched();
        }
        lastJournalTouched = false;
    }

    void taskFailed() {
        for (CacheTable<?, ?> table : tables) {
            table.forgetTouched();
        }
        if (lastJournalTouched) {
            forgetLastJournal();
        }
    }

    private void clear() {
        for (CacheTable<?, ?> table : tables) {
            table.clear();
        }
        forgetLastJournal();
    }

    private void forgetLastJournal() {
        lastJournal = null;
        lastJournalLoaded = false;
        lastJournalTouched = false;
    }

    Optional<Account> account(String name, Supplier<Optional<Account>> load) {
        Long id = accountIds.get(name);
        Account cached = id == null ? null : accounts.get(id);
        return cached != null ? Optional.of(cached) : remember(load.get());
    }

    Optional<Account> accountById(long id, Supplier<Optional<Account>> load) {
        Account cached = accounts.get(id);
        return cached != null ? Optional.of(cached) : remember(load.get());
    }

    private Optional<Account> remember(Optional<Account> loaded) {
        loaded.ifPresent(a -> {
            accounts.put(a.id(), a);
            accountIds.put(a.name(), a.id());
        });
        return loaded;
    }

    void addToAccount(long accountId, long balanceDeltaMicroSu, long lienedDeltaMicroSu) {
        Account a = accounts.get(accountId);
        if (a != null) {
            accounts.put(accountId, new Account(a.id(), a.name(), a.parentId(), a.state(), a.description(),
                    a.organization(), a.creditLimitMicroSu(), a.balanceMicroSu() + balanceDeltaMicroSu,
                    a.lienedMicroSu() + lienedDeltaMicroSu));
        }
    }

    void accountChanged(long accountId) {
        accounts.remove(accountId);
    }

    Optional<User> user(String name, Supplier<Optional<User>> load) {
        User cached = users.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<User> loaded = load.get();
        loaded.ifPresent(u -> users.put(name, u));
        return loaded;
    }

    /** A user row changed: users are few and change rarely, so all are reloaded. */
    void usersChanged() {
        users.clear();
    }

    Optional<Membership> membership(long userId, long accountId, Supplier<Optional<Membership>> load) {
        MembershipKey key = new MembershipKey(userId, accountId);
        Membership cached = memberships.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Membership> loaded = load.get();
        loaded.ifPresent(m -> memberships.put(key, m));
        return loaded;
    }

    void membershipChanged(long userId, long accountId) {
        memberships.remove(new MembershipKey(userId, accountId));
    }

    List<Allocation> allocations(long accountId, Supplier<List<Allocation>> load) {
        List<Allocation> cached = allocations.get(accountId);
        if (cached != null) {
            return cached;
        }
        List<Allocation> loaded = List.copyOf(load.get());
        for (Allocation a : loaded) {
            allocationAccounts.put(a.id(), accountId);
        }
        allocations.put(accountId, loaded);
        return loaded;
    }

    void addToAllocation(long allocationId, long deltaMicroSu) {
        Long accountId = allocationAccounts.get(allocationId);
        List<Allocation> cached = accountId == null ? null : allocations.get(accountId);
        if (cached == null) {
            return;
        }
        List<Allocation> changed = new ArrayList<>(cached.size());
        for (Allocation a : cached) {
            changed.add(a.id() != allocationId ? a : new Allocation(a.id(), a.accountId(), a.pot(),
                    a.amountMicroSu(), a.remainingMicroSu() + deltaMicroSu, a.startsAtMillis(), a.endsAtMillis(), a.expired()));
        }
        allocations.put(accountId, List.copyOf(changed));
    }

    /** An allocation was added to or expired on an account: its list (and draw order) is reloaded. */
    void allocationsChanged(long accountId) {
        allocations.remove(accountId);
    }

    void allocationExpired(long allocationId) {
        Long accountId = allocationAccounts.get(allocationId);
        if (accountId != null) {
            allocations.remove(accountId);
        }
    }

    JobRow job(String jobKey, Supplier<JobRow> load) {
        JobRow cached = jobs.get(jobKey);
        if (cached != null) {
            return cached;
        }
        JobRow loaded = load.get();
        jobs.put(jobKey, loaded);
        return loaded;
    }

    /** Whether the job and the operation key are both held, so an operation on them reads nothing. */
    boolean holds(String jobKey, String opKey) {
        return jobs.get(jobKey) != null && operations.get(opKey) != null;
    }

    /** A preloaded job, read before the task wrote anything (see CacheTable.putReadBeforeWrites). */
    void jobPreloaded(String jobKey, JobRow row) {
        jobs.putReadBeforeWrites(jobKey, row);
    }

    void jobChanged(String jobKey) {
        jobs.remove(jobKey);
    }

    Optional<StoredOperation> operation(String opKey, Supplier<Optional<StoredOperation>> load) {
        Optional<StoredOperation> cached = operations.get(opKey);
        if (cached != null) {
            return cached;
        }
        Optional<StoredOperation> loaded = load.get();
        operations.put(opKey, loaded);
        return loaded;
    }

    /** A preloaded operation key, as jobPreloaded. */
    void operationPreloaded(String opKey, Optional<StoredOperation> stored) {
        operations.putReadBeforeWrites(opKey, stored);
    }

    void operationRecorded(String opKey) {
        operations.remove(opKey);
    }

    Optional<JournalEntry> lastJournalEntry(Supplier<Optional<JournalEntry>> load) {
        if (!lastJournalLoaded) {
            lastJournal = load.get().orElse(null);
            lastJournalLoaded = true;
            lastJournalTouched = true;
        }
        return Optional.ofNullable(lastJournal);
    }

    void appended(JournalEntry entry) {
        lastJournal = entry;
        lastJournalLoaded = true;
        lastJournalTouched = true;
    }
}
