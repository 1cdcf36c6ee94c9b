package org.allocd.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.BilledLine;
import org.allocd.ledger.BillingRule;
import org.allocd.ledger.BillingRuleKind;
import org.allocd.ledger.CarryOver;
import org.allocd.ledger.Fallback;
import org.allocd.ledger.Grant;
import org.allocd.ledger.GrantPeriod;
import org.allocd.ledger.Job;
import org.allocd.ledger.JobFilter;
import org.allocd.ledger.JobRecord;
import org.allocd.ledger.JobTimes;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.JournalSum;
import org.allocd.ledger.LedgerStats;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.LienState;
import org.allocd.ledger.Membership;
import org.allocd.ledger.Reservation;
import org.allocd.ledger.Role;
import org.allocd.ledger.User;

/** The ledger's reads, in SQL, over one connection (the writer's or a reader's). */
class SqlLedgerView implements LedgerView {
    private static final String ACCOUNT_COLUMNS = "id, name, parent_id, state, description, organization,"
            + " credit_limit_micro_su, balance_micro_su, liened_micro_su";
    private static final String ALLOCATION_COLUMNS = "id, account_id, is_pot, amount_micro_su, remaining_micro_su,"
            + " starts_at_ms, ends_at_ms, expired";
    private static final String JOB_COLUMNS = "job_key, account_id, user_name, lien_state, lien_micro_su,"
            + " lien_expires_at_ms, charged, charged_micro_su, refunded_micro_su";
    private static final String JOB_RECORD_COLUMNS = JOB_COLUMNS
            + ", request, submitted_at_ms, started_at_ms, ended_at_ms";
    private static final String JOURNAL_COLUMNS = "id, at_ms, kind, account_id, allocation_id, user_name, job_key,"
            + " amount_micro_su, actor, note, op_key, prev_hash, hash";
    /** Draw order: the allocation that ends first, then those without an end, the pot last. */
    private static final String DRAW_ORDER = " ORDER BY is_pot, ends_at_ms IS NULL, ends_at_ms, id";

    final Sql sql;

    SqlLedgerView(Connection connection, StatementCache cache) {
        this.sql = new Sql(connection, cache);
    }

    @Override
    public Optional<Account> account(String name) {
        return sql.one("SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE name = ?", SqlLedgerView::account, name);
    }

    @Override
    public Optional<Account> accountById(long id) {
        return sql.one("SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE id = ?", SqlLedgerView::account, id);
    }

    @Override
    public List<Account> accounts() {
        return sql.list("SELECT " + ACCOUNT_COLUMNS + " FROM accounts ORDER BY name", SqlLedgerView::account);
    }

    @Override
    public List<Account> children(long accountId) {
        return sql.list("SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE parent_id = ? ORDER BY name",
                SqlLedgerView::account, accountId);
    }

    @Override
    public Optional<User> user(String name) {
        return sql.one("SELECT id, name, uid, default_account_id FROM users WHERE name = ?",
                r -> new User(r.getLong("id"), r.getString("name"), nullableInt(r, "uid"),
                        Sql.nullableLong(r, "default_account_id")), name);
    }

    @Override
    public Optional<Membership> membership(long userId, long accountId) {
        return sql.one("SELECT role, limit_micro_su FROM memberships WHERE user_id = ? AND account_id = ?",
                r -> new Membership(userId, accountId, Role.parse(r.getString("role")),
                        Sql.nullableLong(r, "limit_micro_su")), userId, accountId);
    }

    @Override
    public List<Allocation> allocations(long accountId) {
        return sql.list("SELECT " + ALLOCATION_COLUMNS + " FROM allocations WHERE account_id = ?" + DRAW_ORDER,
                SqlLedgerView::allocation, accountId);
    }

    @Override
    public Optional<Job> job(String jobKey) {
        return sql.one("SELECT " + JOB_COLUMNS + " FROM jobs WHERE job_key = ?", SqlLedgerView::job, jobKey);
    }

    @Override
    public Optional<Job> openLienOf(String jobKeyPrefix) {
        // A key range instead of LIKE: it uses the primary key and no character of a name is special.
        return sql.one("SELECT " + JOB_COLUMNS + " FROM jobs WHERE job_key >= ? AND job_key < ?"
                + " AND lien_state = 'open' ORDER BY created_at_ms DESC LIMIT 1", SqlLedgerView::job,
                jobKeyPrefix, jobKeyPrefix + Character.MAX_VALUE);
    }

    @Override
    public Optional<String> jobRequest(String jobKey) {
        return sql.one("SELECT request FROM jobs WHERE job_key = ? AND request IS NOT NULL", r -> r.getString(1),
                jobKey);
    }

    @Override
    public long userUsageMicroSu(long accountId, String userName) {
        return sql.number("SELECT COALESCE(SUM(charged_micro_su - refunded_micro_su"
                + " + CASE WHEN lien_state = 'open' THEN lien_micro_su ELSE 0 END), 0)"
                + " FROM jobs WHERE account_id = ? AND user_name = ?", accountId, userName);
    }

    @Override
    public LedgerStats stats() {
        // Every 10 s for the metrics: the open liens through their partial index, and the charged total from
        // the covering index journal_money (as usedMicroSu), not a scan of every job (a million of them, at scale).
        return sql.one(STATS,
                r -> new LedgerStats(r.getLong(1), r.getLong(2), r.getLong(3))).orElseThrow();
    }

    @Override
    public List<Job> openLiensExpiredBy(long nowMs, int limit) {
        return sql.list("SELECT " + JOB_COLUMNS + " FROM jobs WHERE lien_state = 'open' AND lien_expires_at_ms <= ?"
                + " ORDER BY lien_expires_at_ms LIMIT ?", SqlLedgerView::job, nowMs, limit);
    }

    @Override
    public List<Allocation> allocationsEndedBy(long nowMs, int limit) {
        return sql.list("SELECT " + ALLOCATION_COLUMNS + " FROM allocations WHERE is_pot = 0 AND expired = 0"
                + " AND ends_at_ms <= ? ORDER BY ends_at_ms, id LIMIT ?", SqlLedgerView::allocation, nowMs, limit);
    }

    @Override
    public Optional<JournalEntry> lastJournalEntry() {
        return sql.one("SELECT " + JOURNAL_COLUMNS + " FROM journal ORDER BY id DESC LIMIT 1",
                SqlLedgerView::journalEntry);
    }

    @Override
    public void forEachJournalEntry(Consumer<JournalEntry> consumer) {
        sql.each("SELECT " + JOURNAL_COLUMNS + " FROM journal ORDER BY id", SqlLedgerView::journalEntry, consumer);
    }

    @Override
    public void forEachAllocation(Consumer<Allocation> consumer) {
        sql.each("SELECT " + ALLOCATION_COLUMNS + " FROM allocations ORDER BY id", SqlLedgerView::allocation,
                consumer);
    }

    @Override
    public void forEachJob(Consumer<Job> consumer) {
        sql.each("SELECT " + JOB_COLUMNS + " FROM jobs ORDER BY job_key", SqlLedgerView::job, consumer);
    }

    static final String SUBTREE = "WITH RECURSIVE subtree(id) AS (SELECT ? UNION ALL"
            + " SELECT a.id FROM accounts a JOIN subtree s ON a.parent_id = s.id) ";
    /** Word for word the WHERE of the index journal_money (V3), so SQLite may read that index instead of the rows. */
    private static final String MONEY_KINDS = " kind NOT IN ('LIEN', 'RELEASE', 'ADMIN')";
    // The report queries at scale (issue 6 item 4); package-private so a test checks SQLite's plan for them.
    static final String JOURNAL_SUMS = SUBTREE + "SELECT account_id, kind, user_name, SUM(amount_micro_su),"
            + " SUM(CASE WHEN amount_micro_su >= 0 THEN amount_micro_su ELSE 0 END), COUNT(DISTINCT job_key)"
            + " FROM journal WHERE account_id IN (SELECT id FROM subtree) AND at_ms >= ? AND at_ms < ? AND"
            + MONEY_KINDS + " GROUP BY account_id, kind, user_name";
    static final String USED = "SELECT COALESCE(SUM(amount_micro_su), 0) FROM journal WHERE account_id = ? AND"
            + MONEY_KINDS + " AND kind IN ('CHARGE', 'REFUND')";
    static final String STATS = "SELECT (SELECT COUNT(*) FROM jobs WHERE lien_state = 'open'),"
            + " (SELECT COALESCE(SUM(lien_micro_su), 0) FROM jobs WHERE lien_state = 'open'),"
            + " (SELECT -COALESCE(SUM(amount_micro_su), 0) FROM journal WHERE" + MONEY_KINDS
            + " AND kind IN ('CHARGE', 'REFUND'))";

    @Override
    public List<User> users() {
        return sql.list("SELECT id, name, uid, default_account_id FROM users ORDER BY name",
                r -> new User(r.getLong("id"), r.getString("name"), nullableInt(r, "uid"),
                        Sql.nullableLong(r, "default_account_id")));
    }

    @Override
    public List<Membership> memberships() {
        return sql.list("SELECT m.user_id, m.account_id, m.role, m.limit_micro_su FROM memberships m"
                + " JOIN accounts a ON a.id = m.account_id JOIN users u ON u.id = m.user_id ORDER BY a.name, u.name",
                r -> new Membership(r.getLong("user_id"), r.getLong("account_id"), Role.parse(r.getString("role")),
                        Sql.nullableLong(r, "limit_micro_su")));
    }

    @Override
    public List<Account> subtree(long accountId) {
        return sql.list(SUBTREE + "SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE id IN (SELECT id FROM subtree)"
                + " ORDER BY id != ?, name", SqlLedgerView::account, accountId, accountId);
    }

    @Override
    public long journalBalanceBeforeMicroSu(long accountId, long beforeMs) {
        return sql.number("SELECT COALESCE(SUM(amount_micro_su), 0) FROM journal WHERE account_id = ? AND at_ms < ?"
                + " AND" + MONEY_KINDS, accountId, beforeMs);
    }

    @Override
    public List<JournalEntry> journalOfSubtree(long accountId, long fromMs, long toMs, JournalKind kind, int limit) {
        List<Object> params = new ArrayList<>(List.of(accountId, fromMs, toMs));
        String where = kindClause(kind, params);
        params.add(limit);
        return sql.list(SUBTREE + "SELECT " + JOURNAL_COLUMNS + " FROM journal WHERE account_id IN"
                + " (SELECT id FROM subtree) AND at_ms >= ? AND at_ms < ?" + where + " ORDER BY id LIMIT ?",
                SqlLedgerView::journalEntry, params.toArray());
    }

    /** " AND kind = ?" with its parameter added, or nothing for every kind. */
    private static String kindClause(JournalKind kind, List<Object> params) {
        if (kind == null) {
            return "";
        }
        params.add(kind.name());
        return " AND kind = ?";
    }

    /**
     * Reads only the covering index journal_money (V3), whose WHERE is MONEY_KINDS word for word, in
     * its order, so nothing is sorted. TRANSFER sums come back split by sign from the one row: an
     * expression in GROUP BY would make SQLite sort every line.
     */
    @Override
    public List<JournalSum> journalSumsOfSubtree(long accountId, long fromMs, long toMs) {
        List<SumRow> rows = sql.list(JOURNAL_SUMS,
                r -> new SumRow(new JournalSum(r.getLong(1), JournalKind.valueOf(r.getString(2)), r.getString(3),
                        r.getLong(4), r.getLong(6)), r.getLong(5)), accountId, fromMs, toMs);
        List<JournalSum> sums = new ArrayList<>();
        for (SumRow row : rows) {
            JournalSum sum = row.sum();
            long in = row.incomingMicroSu();
            if (sum.kind() == JournalKind.TRANSFER && in != 0 && in != sum.amountMicroSu()) {
                sums.add(new JournalSum(sum.accountId(), sum.kind(), sum.userName(), in, sum.jobs()));
                sums.add(new JournalSum(sum.accountId(), sum.kind(), sum.userName(), sum.amountMicroSu() - in,
                        sum.jobs()));
            } else {
                sums.add(sum);
            }
        }
        return sums;
    }

    /** One row of journalSumsOfSubtree's query: the sum, and the part of it from lines >= 0. */
    private record SumRow(JournalSum sum, long incomingMicroSu) {}

    @Override
    public List<JournalEntry> journal(long fromMs, long toMs, JournalKind kind, int limit) {
        List<Object> params = new ArrayList<>(List.of(fromMs, toMs));
        String where = kindClause(kind, params);
        params.add(limit);
        return sql.list("SELECT " + JOURNAL_COLUMNS + " FROM journal WHERE at_ms >= ? AND at_ms < ?" + where
                + " ORDER BY id LIMIT ?", SqlLedgerView::journalEntry, params.toArray());
    }

    @Override
    public List<JobRecord> jobsOfSubtree(long accountId, long fromMs, long toMs, JobFilter filter, int limit) {
        List<JobRecord> jobs = new ArrayList<>();
        eachJobOfSubtree(accountId, fromMs, toMs, filter, limit, jobs::add);
        return jobs;
    }

    @Override
    public void eachJobOfSubtree(long accountId, long fromMs, long toMs, JobFilter filter, Consumer<JobRecord> each) {
        eachJobOfSubtree(accountId, fromMs, toMs, filter, -1, each);
    }

    /** A negative limit: every job. */
    private void eachJobOfSubtree(long accountId, long fromMs, long toMs, JobFilter filter, int limit,
            Consumer<JobRecord> each) {
        List<Object> params = new ArrayList<>(List.of(accountId, fromMs, toMs));
        String where = jobClause(filter, params);
        String limitClause = "";
        if (limit >= 0) {
            limitClause = " LIMIT ?";
            params.add(limit);
        }
        sql.each(SUBTREE + "SELECT " + JOB_RECORD_COLUMNS + " FROM jobs WHERE account_id IN"
                + " (SELECT id FROM subtree) AND created_at_ms >= ? AND created_at_ms < ?" + where
                + " ORDER BY created_at_ms DESC, job_key" + limitClause, SqlLedgerView::jobRecord, each,
                params.toArray());
    }

    @Override
    public List<JobRecord> jobs(long fromMs, long toMs, JobFilter filter, int limit) {
        List<Object> params = new ArrayList<>(List.of(fromMs, toMs));
        String where = jobClause(filter, params);
        params.add(limit);
        return sql.list("SELECT " + JOB_RECORD_COLUMNS + " FROM jobs WHERE created_at_ms >= ? AND created_at_ms < ?"
                + where + " ORDER BY created_at_ms DESC, job_key LIMIT ?", SqlLedgerView::jobRecord, params.toArray());
    }

    /** The filter's conditions as " AND ..." with their parameters added (text, not "? IS NULL": PostgreSQL cannot type a bare null). */
    private static String jobClause(JobFilter filter, List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (filter.userName() != null) {
            where.append(" AND user_name = ?");
            params.add(filter.userName());
        }
        if (filter.lienState() != null) {
            where.append(" AND lien_state = ?");
            params.add(filter.lienState().sqlName());
        }
        return where.toString();
    }

    @Override
    public List<Job> jobsNumbered(long jobId) {
        return sql.list("SELECT " + JOB_COLUMNS + " FROM jobs WHERE job_key LIKE ? ORDER BY job_key",
                SqlLedgerView::job, "%/" + jobId + "/%");
    }

    /**
     * From the journal's CHARGE and REFUND lines, which the jobs' charged and refunded columns cache
     * (verify checks they agree): this reads only the covering index journal_money, where summing
     * the jobs rows of an account with a million jobs reads every one of them.
     */
    @Override
    public long usedMicroSu(long accountId) {
        return -sql.number(USED, accountId);
    }

    @Override
    public long transferredOutOfActiveMicroSu(long accountId, long nowMs) {
        // MONEY_KINDS too, so SQLite reads the account's TRANSFER lines in journal_money, not all its lines.
        return sql.number("SELECT COALESCE(SUM(j.amount_micro_su), 0) FROM journal j"
                + " JOIN allocations a ON a.id = j.allocation_id WHERE j.account_id = ? AND j.kind = 'TRANSFER' AND"
                + MONEY_KINDS + " AND j.amount_micro_su < 0 AND a.is_pot = 0 AND a.expired = 0 AND a.starts_at_ms <= ?"
                + " AND (a.ends_at_ms IS NULL OR a.ends_at_ms > ?)", accountId, nowMs, nowMs);
    }

    // Billing (issue 8 part B).

    private static final String BILLED_COLUMNS = "account_id, month, meter, name, quantity, amount_micro_su";

    @Override
    public Optional<Fallback> fallbackOf(long accountId) {
        return sql.one("SELECT fallback_account_id, qos FROM account_fallbacks WHERE account_id = ?",
                r -> new Fallback(accountId, r.getLong(1), r.getString(2)), accountId);
    }

    @Override
    public List<Account> accountsFallingBackTo(long fallbackAccountId) {
        return sql.list("SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE id IN (SELECT account_id FROM"
                + " account_fallbacks WHERE fallback_account_id = ?) ORDER BY name", SqlLedgerView::account,
                fallbackAccountId);
    }

    @Override
    public Optional<String> requestedAccount(String jobKey) {
        return sql.one("SELECT requested_account FROM jobs WHERE job_key = ? AND requested_account IS NOT NULL",
                r -> r.getString(1), jobKey);
    }

    @Override
    public Map<String, String> requestedAccounts(long fromMs, long toMs) {
        Map<String, String> found = new HashMap<>();
        sql.each("SELECT job_key, requested_account FROM jobs WHERE requested_account IS NOT NULL"
                + " AND created_at_ms >= ? AND created_at_ms < ?", r -> Map.entry(r.getString(1), r.getString(2)),
                e -> found.put(e.getKey(), e.getValue()), fromMs, toMs);
        return found;
    }

    @Override
    public List<BillingRule> billingRules(Long accountId) {
        String select = "SELECT r.account_id, r.name, r.kind, r.amount_micro_su, r.rate_ppm FROM billing_rules r"
                + " JOIN accounts a ON a.id = r.account_id";
        Sql.RowMapper<BillingRule> rule = r -> new BillingRule(r.getLong(1), r.getString(2),
                BillingRuleKind.parse(r.getString(3)), r.getLong(4), r.getLong(5));
        return accountId == null ? sql.list(select + " ORDER BY a.name, r.name", rule)
                : sql.list(select + " WHERE r.account_id = ? ORDER BY r.name", rule, accountId);
    }

    @Override
    public Optional<BilledLine> billedLine(long accountId, String month, String meter, String name) {
        return sql.one("SELECT " + BILLED_COLUMNS + " FROM billing_lines WHERE account_id = ? AND month = ?"
                + " AND meter = ? AND name = ?", SqlLedgerView::billedLine, accountId, month, meter, name);
    }

    @Override
    public Optional<BilledLine> storageLine(String month, String fileset) {
        return sql.one("SELECT " + BILLED_COLUMNS + " FROM billing_lines WHERE month = ? AND meter = 'storage'"
                + " AND name = ?", SqlLedgerView::billedLine, month, fileset);
    }

    @Override
    public List<JournalEntry> billLinesOfSubtree(long accountId, long fromMs, int limit) {
        return sql.list(SUBTREE + "SELECT " + JOURNAL_COLUMNS + " FROM journal WHERE account_id IN"
                + " (SELECT id FROM subtree) AND kind = 'BILL' AND at_ms >= ? ORDER BY id LIMIT ?",
                SqlLedgerView::journalEntry, accountId, fromMs, limit);
    }

    // Allocation cycles and alerts (issue 8 part A).

    private static final String GRANT_COLUMNS = "id, account_id, amount_micro_su, period, zone, first_start_ms,"
            + " ends_at_ms, carryover_kind, carryover_limit, note, deleted";

    @Override
    public Optional<Allocation> allocation(long allocationId) {
        return sql.one("SELECT " + ALLOCATION_COLUMNS + " FROM allocations WHERE id = ?", SqlLedgerView::allocation,
                allocationId);
    }

    @Override
    public List<Grant> grants() {
        return sql.list("SELECT " + GRANT_COLUMNS + " FROM grants WHERE deleted = 0 ORDER BY id", SqlLedgerView::grant);
    }

    @Override
    public Optional<Grant> grant(long grantId) {
        return sql.one("SELECT " + GRANT_COLUMNS + " FROM grants WHERE id = ?", SqlLedgerView::grant, grantId);
    }

    @Override
    public Optional<Grant.Period> lastGrantPeriod(long grantId) {
        return sql.one("SELECT grant_id, period_index, period_start_ms, allocation_id FROM grant_periods"
                + " WHERE grant_id = ? ORDER BY period_index DESC LIMIT 1",
                r -> new Grant.Period(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)), grantId);
    }

    @Override
    public Map<Long, List<Integer>> alertThresholds() {
        Map<Long, List<Integer>> byAccount = new LinkedHashMap<>();
        sql.each("SELECT account_id, percents FROM alert_thresholds ORDER BY account_id",
                r -> Map.entry(r.getLong(1), r.getString(2)),
                e -> byAccount.put(e.getKey(), Arrays.stream(e.getValue().split(",")).map(Integer::valueOf).toList()));
        return byAccount;
    }

    @Override
    public Set<String> alertsSent(long accountId) {
        return new HashSet<>(sql.list("SELECT alert FROM alerts_sent WHERE account_id = ?", r -> r.getString(1),
                accountId));
    }

    @Override
    public long chargedOfSubtreeMicroSu(long accountId, long fromMs, long toMs) {
        // Charge lines are negative, refunds positive: the sum's negation is the net charge.
        return -sql.number(SUBTREE + "SELECT COALESCE(SUM(amount_micro_su), 0) FROM journal WHERE account_id IN"
                + " (SELECT id FROM subtree) AND kind IN ('CHARGE', 'REFUND') AND at_ms >= ? AND at_ms < ?",
                accountId, fromMs, toMs);
    }

    // Chargeable reservations (issue 8).

    private static final String RESERVATION_COLUMNS = "name, start_ms, end_ms, account_id, reserved_micro_su, detail,"
            + " charged_micro_su";

    @Override
    public Optional<Reservation> reservation(String name, long startMs) {
        return sql.one("SELECT " + RESERVATION_COLUMNS + " FROM reservations WHERE name = ? AND start_ms = ?",
                SqlLedgerView::reservation, name, startMs);
    }

    @Override
    public List<Reservation> unchargedReservations(int limit) {
        return sql.list("SELECT " + RESERVATION_COLUMNS + " FROM reservations WHERE charged_micro_su IS NULL"
                + " ORDER BY end_ms, name LIMIT ?", SqlLedgerView::reservation, limit);
    }

    @Override
    public long chargedInReservationMicroSu(String name, long fromMs, long toMs) {
        return sql.number("SELECT COALESCE(SUM(charged_micro_su - refunded_micro_su), 0) FROM jobs"
                + " WHERE reservation = ? AND started_at_ms BETWEEN ? AND ? AND charged = 1", name, fromMs, toMs);
    }

    @Override
    public long openLiensInReservation(String name, long fromMs, long toMs) {
        return sql.number("SELECT COUNT(*) FROM jobs WHERE reservation = ? AND started_at_ms BETWEEN ? AND ?"
                + " AND lien_state = 'open'", name, fromMs, toMs);
    }

    private static Reservation reservation(ResultSet r) throws SQLException {
        return new Reservation(r.getString("name"), r.getLong("start_ms"), r.getLong("end_ms"),
                r.getLong("account_id"), r.getLong("reserved_micro_su"), r.getString("detail"),
                Sql.nullableLong(r, "charged_micro_su"));
    }

    private static BilledLine billedLine(ResultSet r) throws SQLException {
        return new BilledLine(r.getLong("account_id"), r.getString("month"), r.getString("meter"),
                r.getString("name"), r.getString("quantity"), r.getLong("amount_micro_su"));
    }

    private static Grant grant(ResultSet r) throws SQLException {
        return new Grant(r.getLong("id"), r.getLong("account_id"), r.getLong("amount_micro_su"),
                GrantPeriod.parse(r.getString("period")), ZoneId.of(r.getString("zone")), r.getLong("first_start_ms"),
                Sql.nullableLong(r, "ends_at_ms"), new CarryOver(CarryOver.Kind.valueOf(
                        r.getString("carryover_kind").toUpperCase(Locale.ROOT)), r.getLong("carryover_limit")),
                r.getString("note"), r.getInt("deleted") == 1);
    }

    private static Account account(ResultSet r) throws SQLException {
        return new Account(r.getLong("id"), r.getString("name"), Sql.nullableLong(r, "parent_id"),
                AccountState.parse(r.getString("state")), r.getString("description"), r.getString("organization"),
                r.getLong("credit_limit_micro_su"), r.getLong("balance_micro_su"), r.getLong("liened_micro_su"));
    }

    private static Allocation allocation(ResultSet r) throws SQLException {
        return new Allocation(r.getLong("id"), r.getLong("account_id"), r.getInt("is_pot") == 1,
                r.getLong("amount_micro_su"), r.getLong("remaining_micro_su"), r.getLong("starts_at_ms"),
                Sql.nullableLong(r, "ends_at_ms"), r.getInt("expired") == 1);
    }

    private static Job job(ResultSet r) throws SQLException {
        return new Job(r.getString("job_key"), r.getLong("account_id"), r.getString("user_name"),
                LienState.fromSql(r.getString("lien_state")), r.getLong("lien_micro_su"),
                Sql.nullableLong(r, "lien_expires_at_ms"), r.getInt("charged") == 1, r.getLong("charged_micro_su"),
                r.getLong("refunded_micro_su"));
    }

    private static JobRecord jobRecord(ResultSet r) throws SQLException {
        return new JobRecord(job(r), r.getString("request"), new JobTimes(Sql.nullableLong(r, "submitted_at_ms"),
                Sql.nullableLong(r, "started_at_ms"), Sql.nullableLong(r, "ended_at_ms")));
    }

    private static JournalEntry journalEntry(ResultSet r) throws SQLException {
        return new JournalEntry(r.getLong("id"), r.getLong("at_ms"), JournalKind.valueOf(r.getString("kind")),
                Sql.nullableLong(r, "account_id"), Sql.nullableLong(r, "allocation_id"), r.getString("user_name"),
                r.getString("job_key"), r.getLong("amount_micro_su"), r.getString("actor"), r.getString("note"),
                r.getString("op_key"), r.getString("prev_hash"), r.getString("hash"));
    }

    private static Integer nullableInt(ResultSet r, String column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }
}
