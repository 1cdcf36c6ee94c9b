package org.allocd.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.allocd.charge.ChargeCalculator;
import org.allocd.charge.Quote;
import org.sqlite.SQLiteConfig;

/**
 * The baseline: the SQL writes one LIEN and one CHARGE make in the ledger
 * (5 + 7 statements), from one thread on one connection with the writer's pragmas
 * (WAL, synchronous=FULL, foreign keys) and statements prepared once. No reads,
 * no hashing, no idempotency lookups: what the disk and SQLite alone allow.
 */
final class RawLedgerWrites implements AutoCloseable {
    private static final String HASH = "0".repeat(64);

    private final long lienMicroSu;
    private final long chargeMicroSu;
    private final long lienSeconds;
    private final String requestText;
    private final PreparedStatement setRequest;
    private final Connection connection;
    private final long accountId;
    private final long allocationId;
    private final PreparedStatement insertJob;
    private final PreparedStatement updateJob;
    private final PreparedStatement insertJournal;
    private final PreparedStatement addToAccount;
    private final PreparedStatement addToAllocation;
    private final PreparedStatement insertOperation;
    private final LedgerShapedReads reads;
    private final long userId;
    private final String accountName;
    private final String userName;
    private boolean ledgerShaped;
    private long journalId;
    private long run;

    RawLedgerWrites(Path file, String account, String user) throws SQLException, JsonProcessingException {
        // The amounts, expiry and stored request of the benchmark job, as JobAccounting computes them.
        ChargeCalculator calculator = new ChargeCalculator(BenchRates.rates());
        Quote quote = calculator.quote(BenchRates.PLAIN_JOB);
        lienMicroSu = quote.amountMicroSu();
        lienSeconds = quote.secondsCharged() + LedgerCycles.LIEN_GRACE_SECONDS;
        chargeMicroSu = calculator.chargeMicroSu(BenchRates.PLAIN_JOB, BenchRates.PLAIN_USAGE);
        requestText = new ObjectMapper().writeValueAsString(BenchRates.PLAIN_JOB);
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(5_000);
        sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY); // as the ledger's writer
        connection = DriverManager.getConnection("jdbc:sqlite:" + file, sqlite.toProperties());
        accountId = number("SELECT id FROM accounts WHERE name = '" + account + "'");
        allocationId = number("SELECT id FROM allocations WHERE account_id = " + accountId + " AND is_pot = 0");
        journalId = number("SELECT max(id) FROM journal");
        userId = number("SELECT id FROM users WHERE name = '" + user + "'");
        accountName = account;
        userName = user;
        reads = new LedgerShapedReads(connection);
        insertJob = connection.prepareStatement("INSERT INTO jobs (job_key, account_id, user_name, lien_state,"
                + " lien_micro_su, lien_expires_at_ms, charged, charged_micro_su, refunded_micro_su, created_at_ms,"
                + " updated_at_ms) VALUES (?, ?, '" + user + "', 'open', ?, ?, 0, 0, 0, ?, ?)");
        updateJob = connection.prepareStatement("UPDATE jobs SET account_id = ?, user_name = '" + user + "',"
                + " lien_state = 'charged', lien_micro_su = ?, lien_expires_at_ms = ?, charged = 1,"
                + " charged_micro_su = ?, refunded_micro_su = 0, updated_at_ms = ? WHERE job_key = ?");
        insertJournal = connection.prepareStatement("INSERT INTO journal (id, at_ms, kind, account_id,"
                + " allocation_id, user_name, job_key, amount_micro_su, actor, note, op_key, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, '" + user + "', ?, ?, 'slurm', ?, ?, '" + HASH + "', '" + HASH + "')");
        addToAccount = connection.prepareStatement("UPDATE accounts SET balance_micro_su = balance_micro_su + ?,"
                + " liened_micro_su = liened_micro_su + ? WHERE id = ?");
        addToAllocation = connection.prepareStatement(
                "UPDATE allocations SET remaining_micro_su = remaining_micro_su + ? WHERE id = ?");
        setRequest = connection.prepareStatement("UPDATE jobs SET request = ? WHERE job_key = ?");
        insertOperation = connection.prepareStatement("INSERT INTO operations (op_key, fingerprint,"
                + " amount_micro_su, detail, at_ms) VALUES (?, '" + HASH + "', ?, ?, ?)");
    }

    private long number(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Cycles until the time or the count runs out, cyclesPerCommit in each BEGIN IMMEDIATE ... COMMIT.
     * ledgerShaped adds the ledger's reads and savepoints around each operation ({@link LedgerShapedReads}).
     */
    PhaseResult run(long seconds, int cyclesPerCommit, long maxCycles, boolean ledgerShaped) throws SQLException {
        this.ledgerShaped = ledgerShaped;
        run++;
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        long cycles = 0;
        try (Statement tx = connection.createStatement()) {
            while (cycles < maxCycles && System.nanoTime() < deadline) {
                tx.execute("BEGIN IMMEDIATE");
                for (int i = 0; i < cyclesPerCommit; i++) {
                    cycle("raw/" + run + "/" + cycles++);
                }
                tx.execute("COMMIT");
            }
        }
        return new PhaseResult(cycles, 0, System.nanoTime() - start, null);
    }

    private void cycle(String job) throws SQLException {
        long now = System.currentTimeMillis();
        long lien = lienMicroSu;
        long charge = chargeMicroSu;
        // LIEN: job row, journal line, account's liened amount, idempotency record
        if (ledgerShaped) {
            reads.beforeLien(job + ":lien", accountName, userName, userId, accountId, job);
        }
        insertJob.setString(1, job);
        insertJob.setLong(2, accountId);
        insertJob.setLong(3, lien);
        insertJob.setLong(4, now + lienSeconds * 1000);
        insertJob.setLong(5, now);
        insertJob.setLong(6, now);
        insertJob.executeUpdate();
        setRequest.setString(1, requestText);
        setRequest.setString(2, job);
        setRequest.executeUpdate();
        journal(now, "LIEN", null, job, lien, "lien for job " + job, job + ":lien");
        account(0, lien);
        operation(job + ":lien", lien, "liened 1 SU on bench for job " + job + " of benchuser", now);
        if (ledgerShaped) {
            reads.endOperation();
            reads.beforeCharge(job + ":charge", job, accountId);
        }
        // CHARGE: release line, liened amount, charge line, allocation, balance, job row, idempotency record
        journal(now, "RELEASE", null, job, -lien, "lien of job " + job + " resolved by its charge", job + ":charge");
        account(0, -lien);
        journal(now, "CHARGE", allocationId, job, -charge, "elapsed 60 s, exit 0", job + ":charge");
        addToAllocation.setLong(1, -charge);
        addToAllocation.setLong(2, allocationId);
        addToAllocation.executeUpdate();
        account(-charge, 0);
        updateJob.setLong(1, accountId);
        updateJob.setLong(2, lien);
        updateJob.setLong(3, now + lienSeconds * 1000);
        updateJob.setLong(4, charge);
        updateJob.setLong(5, now);
        updateJob.setString(6, job);
        updateJob.executeUpdate();
        operation(job + ":charge", charge, "charged 0.016667 SU to bench for job " + job, now);
        if (ledgerShaped) {
            reads.endOperation();
        }
    }

    private void journal(long now, String kind, Long allocation, String job, long amount, String note, String opKey)
            throws SQLException {
        insertJournal.setLong(1, ++journalId);
        insertJournal.setLong(2, now);
        insertJournal.setString(3, kind);
        insertJournal.setLong(4, accountId);
        if (allocation == null) {
            insertJournal.setNull(5, java.sql.Types.INTEGER);
        } else {
            insertJournal.setLong(5, allocation);
        }
        insertJournal.setString(6, job);
        insertJournal.setLong(7, amount);
        insertJournal.setString(8, note);
        insertJournal.setString(9, opKey);
        insertJournal.executeUpdate();
    }

    private void account(long balanceDelta, long lienedDelta) throws SQLException {
        addToAccount.setLong(1, balanceDelta);
        addToAccount.setLong(2, lienedDelta);
        addToAccount.setLong(3, accountId);
        addToAccount.executeUpdate();
    }

    private void operation(String key, long amount, String detail, long now) throws SQLException {
        insertOperation.setString(1, key);
        insertOperation.setLong(2, amount);
        insertOperation.setString(3, detail);
        insertOperation.setLong(4, now);
        insertOperation.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
