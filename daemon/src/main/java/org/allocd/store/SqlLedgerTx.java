package org.allocd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.Job;
import org.allocd.ledger.JobArray;
import org.allocd.ledger.JobTimes;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalTotal;
import org.allocd.ledger.LedgerTx;
import org.allocd.ledger.Membership;
import org.allocd.ledger.OpResult;
import org.allocd.ledger.User;

/**
 * The ledger's writes, in SQL, on the writer connection inside the current batch.
 *
 * <p>The rows each LIEN and CHARGE needs are read from the {@link WriterCache}, and every write of accounts, users,
 * memberships, allocations or the journal must update or evict them there:
 * a new write method here must do so too, and note the change in its
 * {@link FundsChanges} for the funds rows kept in memory. Run with -ea (as the tests do),
 * every cached row is checked against the table. Its writes return nothing, so on PostgreSQL they are
 * held back in the writer's Pipeline and sent with the next read or the batch's COMMIT; the writes of a LIEN or
 * CHARGE say how far they may move there (additions and journal lines anywhere, a job's writes in its own order).
 */
final class SqlLedgerTx extends SqlLedgerView implements LedgerTx {
    private final WriterCache cache;
    /** What this task changed of the rows a funds check reads. */
    private final FundsChanges changes;

    /** @param sql on the writer's connection, or on its pipeline where the database has one */
    SqlLedgerTx(Sql sql, WriterCache cache, FundsChanges changes) {
        super(sql);
        this.cache = cache;
        this.changes = changes;
    }

    @Override
    public Optional<Account> account(String name) {
        Optional<Account> account = cache.account(name, () -> super.account(name));
        assert inStep(account, super.account(name), "account " + name);
        return account;
    }

    @Override
    public Optional<Account> accountById(long id) {
        Optional<Account> account = cache.accountById(id, () -> super.accountById(id));
        assert inStep(account, super.accountById(id), "account id " + id);
        return account;
    }

    @Override
    public Optional<User> user(String name) {
        Optional<User> user = cache.user(name, () -> super.user(name));
        assert inStep(user, super.user(name), "user " + name);
        return user;
    }

    @Override
    public Optional<Membership> membership(long userId, long accountId) {
        Optional<Membership> membership = cache.membership(userId, accountId,
                () -> super.membership(userId, accountId));
        assert inStep(membership, super.membership(userId, accountId), "membership " + userId + "/" + accountId);
        return membership;
    }

    @Override
    public List<Allocation> allocations(long accountId) {
        List<Allocation> allocations = cache.allocations(accountId, () -> super.allocations(accountId));
        assert inStep(allocations, super.allocations(accountId), "allocations of account id " + accountId);
        return allocations;
    }

    @Override
    public Optional<JournalEntry> lastJournalEntry() {
        Optional<JournalEntry> last = cache.lastJournalEntry(super::lastJournalEntry);
        assert inStep(last, super.lastJournalEntry(), "the journal's last line");
        return last;
    }

    private static boolean inStep(Object cached, Object stored, String what) {
        if (!Objects.equals(cached, stored)) {
            throw new AssertionError("the writer's cache is out of step with the database for " + what
                    + ": cached " + cached + ", stored " + stored);
        }
        return true;
    }

    @Override
    public Optional<StoredOperation> operation(String opKey) {
        Optional<StoredOperation> stored = cache.operation(opKey, () -> sql.one(
                "SELECT " + OPERATION_COLUMNS + " FROM operations WHERE op_key = ?", SqlLedgerTx::storedOperation,
                opKey));
        assert inStep(stored, sql.one("SELECT " + OPERATION_COLUMNS + " FROM operations WHERE op_key = ?",
                SqlLedgerTx::storedOperation, opKey), "operation " + opKey);
        return stored;
    }

    private static final String OPERATION_COLUMNS = "op_key, fingerprint, amount_micro_su, detail";

    private static StoredOperation storedOperation(ResultSet r) throws SQLException {
        return new StoredOperation(r.getString("fingerprint"),
                new OpResult(r.getString("op_key"), r.getLong("amount_micro_su"), r.getString("detail"), false));
    }

    @Override
    public void recordOperation(String opKey, String fingerprint, OpResult result, long atMillis) {
        sql.deferAnyOrder("INSERT INTO operations (op_key, fingerprint, amount_micro_su, detail, at_ms)"
                + " VALUES (?, ?, ?, ?, ?)",
                opKey, fingerprint, result.amountMicroSu(), result.detail(), atMillis);
        cache.operationRecorded(opKey);
    }

    @Override
    public Optional<Job> job(String jobKey) {
        return Optional.ofNullable(jobRow(jobKey).job());
    }

    @Override
    public Optional<Integer> jobRateVersion(String jobKey) {
        return Optional.ofNullable(jobRow(jobKey).rateVersion());
    }

    /** The job with its rate version: one read for both, as Ledger.submitPriced needs both. */
    private WriterCache.JobRow jobRow(String jobKey) {
        WriterCache.JobRow row = cache.job(jobKey, () -> loadJobRow(jobKey));
        assert inStep(row, loadJobRow(jobKey), "job " + jobKey);
        return row;
    }

    private static final String JOB_ROW_COLUMNS = Rows.JOB_COLUMNS + ", rate_version";

    private WriterCache.JobRow loadJobRow(String jobKey) {
        return sql.one("SELECT " + JOB_ROW_COLUMNS + " FROM jobs WHERE job_key = ?", SqlLedgerTx::jobRow, jobKey)
                .orElse(new WriterCache.JobRow(null, null));
    }

    private static WriterCache.JobRow jobRow(ResultSet r) throws SQLException {
        int version = r.getInt("rate_version");
        return new WriterCache.JobRow(Rows.job(r), r.wasNull() ? null : version);
    }

    /**
     * Reads these jobs and operation keys into the writer's cache with one statement each, for the writes queued
     * together (SqlLedgerStore.writeForJob). PostgreSQL only: the keys go as one array parameter. Called before the
     * task writes anything, so what it reads stays cached if the task fails.
     */
    void preload(List<String> jobKeys, List<String> opKeys) {
        Map<String, WriterCache.JobRow> jobs = new HashMap<>();
        sql.each("SELECT " + JOB_ROW_COLUMNS + " FROM jobs WHERE job_key = ANY(?)", SqlLedgerTx::jobRow,
                row -> jobs.put(row.job().jobKey(), row), sql.textArray(jobKeys));
        Map<String, StoredOperation> operations = new HashMap<>();
        sql.each("SELECT " + OPERATION_COLUMNS + " FROM operations WHERE op_key = ANY(?)",
                SqlLedgerTx::storedOperation, stored -> operations.put(stored.result().opKey(), stored),
                sql.textArray(opKeys));
        for (String jobKey : jobKeys) {
            cache.jobPreloaded(jobKey, jobs.getOrDefault(jobKey, new WriterCache.JobRow(null, null)));
        }
        for (String opKey : opKeys) {
            cache.operationPreloaded(opKey, Optional.ofNullable(operations.get(opKey)));
        }
    }

    @Override
    public long insertAccount(String name, Long parentId, String description, String organization,
            long creditLimitMicroSu, long atMillis) {
        return sql.insert("INSERT INTO accounts (name, parent_id, state, description, organization,"
                + " credit_limit_micro_su, balance_micro_su, liened_micro_su, created_at_ms)"
                + " VALUES (?, ?, 'active', ?, ?, ?, 0, 0, ?) RETURNING id",
                name, parentId, description, organization, creditLimitMicroSu, atMillis);
    }

    @Override
    public void updateAccountDetails(long accountId, String description, String organization,
            long creditLimitMicroSu) {
        sql.defer("UPDATE accounts SET description = ?, organization = ?, credit_limit_micro_su = ? WHERE id = ?",
                description, organization, creditLimitMicroSu, accountId);
        changes.account(accountId);
        cache.accountChanged(accountId);
    }

    @Override
    public void updateAccountState(long accountId, AccountState state) {
        sql.defer("UPDATE accounts SET state = ? WHERE id = ?", state.sqlName(), accountId);
        changes.account(accountId);
        cache.accountChanged(accountId);
    }

    @Override
    public void updateAccountParent(long accountId, Long parentId) {
        sql.defer("UPDATE accounts SET parent_id = ? WHERE id = ?", parentId, accountId);
        changes.account(accountId);
        cache.accountChanged(accountId);
    }

    @Override
    public void addToAccount(long accountId, long balanceDeltaMicroSu, long lienedDeltaMicroSu) {
        sql.deferAnyOrder("UPDATE accounts SET balance_micro_su = balance_micro_su + ?,"
                + " liened_micro_su = liened_micro_su + ? WHERE id = ?",
                balanceDeltaMicroSu, lienedDeltaMicroSu, accountId);
        changes.account(accountId);
        cache.addToAccount(accountId, balanceDeltaMicroSu, lienedDeltaMicroSu);
    }

    @Override
    public long insertUser(String name, Integer uid, Long defaultAccountId, long atMillis) {
        return sql.insert("INSERT INTO users (name, uid, default_account_id, created_at_ms) VALUES (?, ?, ?, ?)"
                + " RETURNING id",
                name, uid, defaultAccountId, atMillis);
    }

    @Override
    public void updateDefaultAccount(long userId, Long accountId) {
        sql.defer("UPDATE users SET default_account_id = ? WHERE id = ?", accountId, userId);
        changes.users();
        cache.usersChanged();
    }

    @Override
    public void upsertMembership(Membership m) {
        sql.defer("INSERT INTO memberships (user_id, account_id, role, limit_micro_su, limit_per, blocked_by)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, account_id) DO UPDATE SET role = excluded.role,"
                + " limit_micro_su = excluded.limit_micro_su, limit_per = excluded.limit_per,"
                + " blocked_by = excluded.blocked_by",
                m.userId(), m.accountId(), m.role().sqlName(), m.limitMicroSu(), m.limitPer().sqlName(), m.blockedBy());
        changes.membership(m.userId(), m.accountId());
        cache.membershipChanged(m.userId(), m.accountId());
    }

    @Override
    public void deleteMembership(long userId, long accountId) {
        sql.defer("DELETE FROM memberships WHERE user_id = ? AND account_id = ?", userId, accountId);
        changes.membership(userId, accountId);
        cache.membershipChanged(userId, accountId);
    }

    @Override
    public long insertAllocation(long accountId, boolean pot, long amountMicroSu, long startsAtMillis, Long endsAtMillis,
            String note, long atMillis) {
        long id = sql.insert("INSERT INTO allocations (account_id, is_pot, amount_micro_su, remaining_micro_su,"
                + " starts_at_ms, ends_at_ms, note, created_at_ms) VALUES (?, ?, ?, 0, ?, ?, ?, ?) RETURNING id",
                accountId, pot ? 1 : 0, amountMicroSu, startsAtMillis, endsAtMillis, note, atMillis);
        changes.account(accountId);
        cache.allocationsChanged(accountId);
        return id;
    }

    @Override
    public void addToAllocation(long allocationId, long deltaMicroSu) {
        sql.deferAnyOrder("UPDATE allocations SET remaining_micro_su = remaining_micro_su + ? WHERE id = ?",
                deltaMicroSu, allocationId);
        changes.allocation(allocationId);
        cache.addToAllocation(allocationId, deltaMicroSu);
    }

    @Override
    public void markAllocationExpired(long allocationId) {
        sql.defer("UPDATE allocations SET expired = 1 WHERE id = ?", allocationId);
        changes.allocation(allocationId);
        cache.allocationExpired(allocationId);
    }

    @Override
    public void insertJob(Job job, String request, int rateVersion, long atMillis) {
        sql.deferForRow(jobRowName(job.jobKey()), "INSERT INTO jobs (job_key, account_id, user_name, lien_state,"
                + " lien_micro_su, lien_expires_at_ms, charged, charged_micro_su, refunded_micro_su, request, rate_version,"
                + " created_at_ms, updated_at_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                job.jobKey(), job.accountId(), job.userName(), job.lienState().sqlName(), job.lienMicroSu(),
                job.lienExpiresAtMillis(), job.charged() ? 1 : 0, job.chargedMicroSu(), job.refundedMicroSu(), request,
                rateVersion > 0 ? rateVersion : null, atMillis, atMillis);
        cache.jobChanged(job.jobKey());
    }

    @Override
    public void updateJob(Job job, long atMillis) {
        // account_id is left out: SQLite rewrites the entries of every index on a column the SET names
        // (two of them on account_id), even when its value stays the same.
        sql.deferForRow(jobRowName(job.jobKey()), "UPDATE jobs SET user_name = ?, lien_state = ?, lien_micro_su = ?,"
                + " lien_expires_at_ms = ?, charged = ?, charged_micro_su = ?, refunded_micro_su = ?,"
                + " updated_at_ms = ? WHERE job_key = ?",
                job.userName(), job.lienState().sqlName(), job.lienMicroSu(), job.lienExpiresAtMillis(),
                job.charged() ? 1 : 0, job.chargedMicroSu(), job.refundedMicroSu(), atMillis, job.jobKey());
        cache.jobChanged(job.jobKey());
    }

    @Override
    public void setJobRequest(String jobKey, String request) {
        sql.deferForRow(jobRowName(jobKey), "UPDATE jobs SET request = ? WHERE job_key = ?", request, jobKey);
    }

    @Override
    public void setJobTimes(String jobKey, JobTimes times) {
        sql.deferForRow(jobRowName(jobKey), "UPDATE jobs SET submitted_at_ms = COALESCE(?, submitted_at_ms),"
                + " started_at_ms = COALESCE(?, started_at_ms), ended_at_ms = COALESCE(?, ended_at_ms),"
                + " reservation = COALESCE(?, reservation) WHERE job_key = ?",
                times.submittedAtMillis(), times.startedAtMillis(), times.endedAtMillis(), times.reservation(), jobKey);
    }

    @Override
    public void setJobArray(String jobKey, JobArray array) {
        sql.deferForRow(jobRowName(jobKey), "UPDATE jobs SET array_job_id = ?, array_task_id = ? WHERE job_key = ?",
                array.arrayJobId(), array.taskId(), jobKey);
    }

    @Override
    public void setJobEndState(String jobKey, String endState) {
        sql.deferForRow(jobRowName(jobKey), "UPDATE jobs SET end_state = ? WHERE job_key = ?", endState, jobKey);
    }

    @Override
    public void appendJournal(JournalEntry e) {
        // Posting read the line before this one first, so the cache has it: no read here.
        JournalEntry previous = cache.lastJournalEntry(super::lastJournalEntry).orElse(null);
        sql.deferAnyOrder("INSERT INTO journal (id, at_ms, kind, account_id, allocation_id, user_name, job_key,"
                + " amount_micro_su, actor, note, op_key, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id(), e.atMillis(), e.kind().name(), e.accountId(), e.allocationId(), e.userName(), e.jobKey(),
                e.amountMicroSu(), e.actor(), e.note(), e.opKey(), e.prevHash(), e.hash());
        if (JournalTotal.counts(e)) {
            sql.deferAnyOrder(ADD_TO_TOTAL, e.accountId(), e.kind().name(), Objects.toString(e.userName(), ""),
                    JournalTotal.dayStartMillis(e.atMillis()), e.amountMicroSu(), Math.max(0, e.amountMicroSu()),
                    JournalTotal.chargesANewJob(previous, e) ? 1 : 0);
        }
        cache.appended(e);
    }

    /** A money line into its running total of its day (V24), in the line's own transaction. */
    private static final String ADD_TO_TOTAL = "INSERT INTO journal_totals (account_id, kind, user_name,"
            + " day_start_ms, amount_micro_su, incoming_micro_su, lines, jobs) VALUES (?, ?, ?, ?, ?, ?, 1, ?)"
            + " ON CONFLICT (account_id, kind, user_name, day_start_ms) DO UPDATE SET"
            + " amount_micro_su = journal_totals.amount_micro_su + excluded.amount_micro_su,"
            + " incoming_micro_su = journal_totals.incoming_micro_su + excluded.incoming_micro_su,"
            + " lines = journal_totals.lines + 1, jobs = journal_totals.jobs + excluded.jobs";


    /** The name a job's row goes by in the writer's Pipeline: its writes keep their order among themselves. */
    private static String jobRowName(String jobKey) {
        return "jobs:" + jobKey;
    }

    @Override
    public void setJobRequestedAccount(String jobKey, String account) {
        sql.deferForRow(jobRowName(jobKey), "UPDATE jobs SET requested_account = ? WHERE job_key = ?", account, jobKey);
    }

    @Override
    public void setJobRateVersion(String jobKey, int rateVersion) {
        sql.deferForRow(jobRowName(jobKey), "UPDATE jobs SET rate_version = ? WHERE job_key = ?", rateVersion, jobKey);
        cache.jobChanged(jobKey);
    }


}
