package org.allocd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountRows;
import org.allocd.ledger.CycleStart;
import org.allocd.ledger.FundsView;
import org.allocd.ledger.LimitPeriod;
import org.allocd.ledger.Membership;
import org.allocd.ledger.Role;
import org.allocd.ledger.User;

/** Accounts, users and memberships in SQL (shared by both dialects). */
interface SqlAccountRows extends AccountRows, FundsView, SqlRows {
    @Override
    default Optional<Account> account(String name) {
        return sql().one("SELECT " + Rows.ACCOUNT_COLUMNS + " FROM accounts WHERE name = ?", Rows::account, name);
    }

    @Override
    default Optional<Account> accountById(long id) {
        return sql().one("SELECT " + Rows.ACCOUNT_COLUMNS + " FROM accounts WHERE id = ?", Rows::account, id);
    }

    @Override
    default List<Account> accounts() {
        return sql().list("SELECT " + Rows.ACCOUNT_COLUMNS + " FROM accounts ORDER BY name", Rows::account);
    }

    @Override
    default List<Account> children(long accountId) {
        return sql().list("SELECT " + Rows.ACCOUNT_COLUMNS + " FROM accounts WHERE parent_id = ? ORDER BY name",
                Rows::account, accountId);
    }

    @Override
    default List<Account> subtree(long accountId) {
        return sql().list(Rows.SUBTREE + "SELECT " + Rows.ACCOUNT_COLUMNS
                + " FROM accounts WHERE id IN (SELECT id FROM subtree)"
                + " ORDER BY id != ?, name", Rows::account, accountId, accountId);
    }

    @Override
    default Optional<User> user(String name) {
        return sql().one("SELECT id, name, uid, default_account_id FROM users WHERE name = ?",
                r -> new User(r.getLong("id"), r.getString("name"), Rows.nullableInt(r, "uid"),
                        Sql.nullableLong(r, "default_account_id")), name);
    }

    @Override
    default List<User> users() {
        return sql().list("SELECT id, name, uid, default_account_id FROM users ORDER BY name",
                r -> new User(r.getLong("id"), r.getString("name"), Rows.nullableInt(r, "uid"),
                        Sql.nullableLong(r, "default_account_id")));
    }

    @Override
    default List<String> coordinatorNames(long accountId) {
        return sql().list("SELECT u.name FROM memberships m JOIN users u ON u.id = m.user_id"
                + " WHERE m.account_id = ? AND m.role = 'coordinator' ORDER BY u.name LIMIT 10", r -> r.getString(1),
                accountId);
    }

    @Override
    default Optional<Membership> membership(long userId, long accountId) {
        return sql().one("SELECT user_id, account_id, role, limit_micro_su, limit_per, blocked_by FROM memberships"
                + " WHERE user_id = ? AND account_id = ?", SqlAccountRows::membership, userId, accountId);
    }

    @Override
    default List<Membership> memberships() {
        return sql().list("SELECT m.user_id, m.account_id, m.role, m.limit_micro_su, m.limit_per, m.blocked_by"
                + " FROM memberships m"
                + " JOIN accounts a ON a.id = m.account_id JOIN users u ON u.id = m.user_id ORDER BY a.name, u.name",
                SqlAccountRows::membership);
    }

    private static Membership membership(ResultSet r) throws SQLException {
        return new Membership(r.getLong("user_id"), r.getLong("account_id"), Role.parse(r.getString("role")),
                Sql.nullableLong(r, "limit_micro_su"), LimitPeriod.parse(r.getString("limit_per")),
                r.getString("blocked_by"));
    }

    /**
     * A member's charges and refunds since an instant, asked by every quote for a member with a limit: whole
     * days from journal_totals, and the lines between the instant and its nearer day boundary. "|| ''" on kind
     * and user_name (unlike "+", valid on PostgreSQL too) keeps SQLite on journal_money_time (the account's lines in that time) instead of journal_money,
     * which would read every line the member was ever charged.
     */
    String USER_CHARGED_DAYS = "SELECT COALESCE(SUM(amount_micro_su), 0) FROM journal_totals WHERE account_id = ?"
            + " AND kind IN ('CHARGE', 'REFUND') AND user_name = ? AND day_start_ms >= ?";
    String USER_CHARGED_LINES = "SELECT COALESCE(SUM(amount_micro_su), 0) FROM journal WHERE account_id = ?"
            + " AND at_ms >= ? AND at_ms < ? AND" + SqlJournalRows.MONEY_LINES
            + " AND kind || '' IN ('CHARGE', 'REFUND') AND user_name || '' = ?";

    @Override
    default long userChargedMicroSu(long accountId, String userName, long sinceMillis) {
        if (sinceMillis == Long.MIN_VALUE) {
            return -sql().number(USER_CHARGED_DAYS, accountId, userName, Long.MIN_VALUE);
        }
        long edge = DayEdges.edge(sinceMillis, DayEdges.newestLineMillis(sql()));
        long days = sql().number(USER_CHARGED_DAYS, accountId, userName, edge);
        long lines = edge == sinceMillis ? 0 : sql().number(USER_CHARGED_LINES, accountId,
                Math.min(sinceMillis, edge), Math.max(sinceMillis, edge), userName);
        return -(edge > sinceMillis ? days + lines : days - lines);
    }

    @Override
    default long userLienedMicroSu(long accountId, String userName) {
        return sql().number(USER_LIENED, accountId, userName);
    }

    /**
     * A member's open liens, also asked by every quote for a member with a limit. "+account_id" keeps SQLite on
     * jobs_open_liens (the running jobs) instead of jobs_account_created (every job the account ever ran).
     */
    String USER_LIENED = "SELECT COALESCE(SUM(lien_micro_su), 0) FROM jobs WHERE +account_id = ?"
            + " AND user_name = ? AND lien_state = 'open'";

    @Override
    default Optional<CycleStart> cycleStart(long accountId, long atMillis) {
        return sql().one("SELECT p.period_start_ms, g.zone FROM grant_periods p JOIN grants g ON g.id = p.grant_id"
                + " WHERE g.account_id = ? AND p.period_start_ms <= ? ORDER BY p.period_start_ms DESC LIMIT 1",
                r -> new CycleStart(r.getLong("period_start_ms"), ZoneId.of(r.getString("zone"))), accountId, atMillis);
    }
}
