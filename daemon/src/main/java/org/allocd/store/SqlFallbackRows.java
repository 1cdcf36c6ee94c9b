package org.allocd.store;

import java.util.List;
import java.util.Optional;
import org.allocd.fallback.Fallback;
import org.allocd.fallback.FallbackRows;
import org.allocd.ledger.Account;

/** Fallback accounts in SQL (shared by both dialects). */
final class SqlFallbackRows implements FallbackRows {
    private final Sql sql;

    SqlFallbackRows(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Fallback> fallbackOf(long accountId) {
        return sql.one("SELECT fallback_account_id, qos FROM account_fallbacks WHERE account_id = ?",
                r -> new Fallback(accountId, r.getLong(1), r.getString(2)), accountId);
    }

    @Override
    public List<Account> accountsFallingBackTo(long fallbackAccountId) {
        return sql.list("SELECT " + Rows.ACCOUNT_COLUMNS + " FROM accounts WHERE id IN (SELECT account_id FROM"
                + " account_fallbacks WHERE fallback_account_id = ?) ORDER BY name", Rows::account,
                fallbackAccountId);
    }

    @Override
    public void setFallback(long accountId, Long fallbackAccountId, String qos) {
        if (fallbackAccountId == null) {
            sql.update("DELETE FROM account_fallbacks WHERE account_id = ?", accountId);
            return;
        }
        sql.update("INSERT INTO account_fallbacks (account_id, fallback_account_id, qos) VALUES (?, ?, ?)"
                + " ON CONFLICT (account_id) DO UPDATE SET fallback_account_id = excluded.fallback_account_id,"
                + " qos = excluded.qos", accountId, fallbackAccountId, qos);
    }
}
