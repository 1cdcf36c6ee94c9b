package org.allocd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.Allocation;
import org.allocd.ledger.Job;
import org.allocd.ledger.JobArray;
import org.allocd.ledger.JobRecord;
import org.allocd.ledger.JobTimes;
import org.allocd.ledger.JournalEntry;
import org.allocd.ledger.JournalKind;
import org.allocd.ledger.LienState;

/** The core tables' column lists and row mappers, shared by the SQL of every area. */
final class Rows {
    static final String ACCOUNT_COLUMNS = "id, name, parent_id, state, description, organization,"
            + " credit_limit_micro_su, balance_micro_su, liened_micro_su";
    static final String ALLOCATION_COLUMNS = "id, account_id, is_pot, amount_micro_su, remaining_micro_su,"
            + " starts_at_ms, ends_at_ms, expired";
    static final String JOB_COLUMNS = "job_key, account_id, user_name, lien_state, lien_micro_su,"
            + " lien_expires_at_ms, charged, charged_micro_su, refunded_micro_su";
    static final String JOB_RECORD_COLUMNS = JOB_COLUMNS
            + ", request, submitted_at_ms, started_at_ms, ended_at_ms, end_state, array_job_id, array_task_id,"
            + " created_at_ms, requested_account";
    static final String JOURNAL_COLUMNS = "id, at_ms, kind, account_id, allocation_id, user_name, job_key,"
            + " amount_micro_su, actor, note, op_key, prev_hash, hash";
    /** Draw order: the allocation that ends first, then those without an end, the pot last. */
    static final String DRAW_ORDER = " ORDER BY is_pot, ends_at_ms IS NULL, ends_at_ms, id";
    static final String SUBTREE = "WITH RECURSIVE subtree(id) AS (SELECT ? UNION ALL"
            + " SELECT a.id FROM accounts a JOIN subtree s ON a.parent_id = s.id) ";
    /** Word for word the WHERE of the index journal_money (V3), so SQLite may read that index instead of the rows. */
    static final String MONEY_KINDS = " kind NOT IN ('LIEN', 'RELEASE', 'ADMIN')";

    private Rows() {}

    static Account account(ResultSet r) throws SQLException {
        return new Account(r.getLong("id"), r.getString("name"), Sql.nullableLong(r, "parent_id"),
                AccountState.parse(r.getString("state")), r.getString("description"), r.getString("organization"),
                r.getLong("credit_limit_micro_su"), r.getLong("balance_micro_su"), r.getLong("liened_micro_su"));
    }

    static Allocation allocation(ResultSet r) throws SQLException {
        return new Allocation(r.getLong("id"), r.getLong("account_id"), r.getInt("is_pot") == 1,
                r.getLong("amount_micro_su"), r.getLong("remaining_micro_su"), r.getLong("starts_at_ms"),
                Sql.nullableLong(r, "ends_at_ms"), r.getInt("expired") == 1);
    }

    static Job job(ResultSet r) throws SQLException {
        return new Job(r.getString("job_key"), r.getLong("account_id"), r.getString("user_name"),
                LienState.fromSql(r.getString("lien_state")), r.getLong("lien_micro_su"),
                Sql.nullableLong(r, "lien_expires_at_ms"), r.getInt("charged") == 1, r.getLong("charged_micro_su"),
                r.getLong("refunded_micro_su"));
    }

    static JobRecord jobRecord(ResultSet r) throws SQLException {
        return new JobRecord(job(r), r.getString("request"), new JobTimes(Sql.nullableLong(r, "submitted_at_ms"),
                Sql.nullableLong(r, "started_at_ms"), Sql.nullableLong(r, "ended_at_ms")), r.getString("end_state"),
                jobArray(r), r.getLong("created_at_ms"), r.getString("requested_account"));
    }

    private static JobArray jobArray(ResultSet r) throws SQLException {
        Long arrayJobId = Sql.nullableLong(r, "array_job_id");
        Long taskId = Sql.nullableLong(r, "array_task_id");
        return arrayJobId == null || taskId == null ? null : new JobArray(arrayJobId, taskId);
    }

    static JournalEntry journalEntry(ResultSet r) throws SQLException {
        return new JournalEntry(r.getLong("id"), r.getLong("at_ms"), JournalKind.valueOf(r.getString("kind")),
                Sql.nullableLong(r, "account_id"), Sql.nullableLong(r, "allocation_id"), r.getString("user_name"),
                r.getString("job_key"), r.getLong("amount_micro_su"), r.getString("actor"), r.getString("note"),
                r.getString("op_key"), r.getString("prev_hash"), r.getString("hash"));
    }

    static Integer nullableInt(ResultSet r, String column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }
}
