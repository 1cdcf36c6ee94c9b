package org.allocd.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The statements the ledger runs besides its writes, per operation: a savepoint,
 * the idempotency lookup, the account/user/membership/job/allocation reads and
 * the journal's last line (for the hash chain). Prepared once and read by column
 * index, so adding them to the raw loop shows what the ledger's statement
 * pattern costs by itself, apart from how it is executed.
 */
final class LedgerShapedReads {
    private final PreparedStatement savepoint;
    private final PreparedStatement release;
    private final PreparedStatement operation;
    private final PreparedStatement accountByName;
    private final PreparedStatement accountById;
    private final PreparedStatement user;
    private final PreparedStatement membership;
    private final PreparedStatement job;
    private final PreparedStatement allocations;
    private final PreparedStatement lastJournal;

    LedgerShapedReads(Connection c) throws SQLException {
        savepoint = c.prepareStatement("SAVEPOINT task");
        release = c.prepareStatement("RELEASE task");
        operation = c.prepareStatement("SELECT fingerprint, amount_micro_su, detail FROM operations WHERE op_key = ?");
        String accountColumns = "id, name, parent_id, state, description, organization, credit_limit_micro_su,"
                + " balance_micro_su, liened_micro_su";
        accountByName = c.prepareStatement("SELECT " + accountColumns + " FROM accounts WHERE name = ?");
        accountById = c.prepareStatement("SELECT " + accountColumns + " FROM accounts WHERE id = ?");
        user = c.prepareStatement("SELECT id, name, uid, default_account_id FROM users WHERE name = ?");
        membership = c.prepareStatement("SELECT role, limit_micro_su FROM memberships WHERE user_id = ? AND account_id = ?");
        job = c.prepareStatement("SELECT job_key, account_id, user_name, lien_state, lien_micro_su, lien_expires_at_ms,"
                + " charged, charged_micro_su, refunded_micro_su FROM jobs WHERE job_key = ?");
        allocations = c.prepareStatement("SELECT id, account_id, is_pot, amount_micro_su, remaining_micro_su,"
                + " starts_at_ms, ends_at_ms, expired FROM allocations WHERE account_id = ?"
                + " ORDER BY is_pot, ends_at_ms IS NULL, ends_at_ms, id");
        lastJournal = c.prepareStatement("SELECT id, at_ms, kind, account_id, allocation_id, user_name, job_key,"
                + " amount_micro_su, actor, note, op_key, prev_hash, hash FROM journal ORDER BY id DESC LIMIT 1");
    }

    /** What a LIEN reads before it writes. */
    void beforeLien(String opKey, String account, String userName, long userId, long accountId, String jobKey)
            throws SQLException {
        savepoint.execute();
        read(operation, opKey);
        read(accountByName, account);
        read(user, userName);
        read(membership, userId, accountId);
        read(job, jobKey);
        read(allocations, accountId);
        read(lastJournal);
    }

    /** What a CHARGE reads before and between its writes. */
    void beforeCharge(String opKey, String jobKey, long accountId) throws SQLException {
        savepoint.execute();
        read(operation, opKey);
        read(job, jobKey);
        read(lastJournal);
        read(allocations, accountId);
        read(accountById, accountId);
        read(accountById, accountId);
    }

    void endOperation() throws SQLException {
        release.execute();
    }

    private static void read(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        try (ResultSet r = ps.executeQuery()) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                for (int c = 1; c <= columns; c++) {
                    r.getObject(c);
                }
            }
        }
    }
}
