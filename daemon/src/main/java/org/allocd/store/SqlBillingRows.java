package org.allocd.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.allocd.billing.BilledLine;
import org.allocd.billing.BillingRows;
import org.allocd.billing.BillingRule;
import org.allocd.billing.BillingRuleKind;
import org.allocd.ledger.JournalEntry;

/** Billing rules and billed lines in SQL (shared by both dialects). */
final class SqlBillingRows implements BillingRows {
    private final Sql sql;

    SqlBillingRows(Sql sql) {
        this.sql = sql;
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
                + " AND meter = ? AND name = ?", SqlBillingRows::billedLine, accountId, month, meter, name);
    }

    @Override
    public Optional<BilledLine> storageLine(String month, String fileset) {
        return sql.one("SELECT " + BILLED_COLUMNS + " FROM billing_lines WHERE month = ? AND meter = 'storage'"
                + " AND name = ?", SqlBillingRows::billedLine, month, fileset);
    }

    @Override
    public List<JournalEntry> billLinesOfSubtree(long accountId, long fromMillis, int limit) {
        return sql.list(Rows.SUBTREE + "SELECT " + Rows.JOURNAL_COLUMNS + " FROM journal WHERE account_id IN"
                + " (SELECT id FROM subtree) AND kind = 'BILL' AND at_ms >= ? ORDER BY id LIMIT ?",
                Rows::journalEntry, accountId, fromMillis, limit);
    }

    @Override
    public void upsertBillingRule(BillingRule rule) {
        sql.update("INSERT INTO billing_rules (account_id, name, kind, amount_micro_su, rate_ppm)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, name) DO UPDATE SET kind = excluded.kind,"
                + " amount_micro_su = excluded.amount_micro_su, rate_ppm = excluded.rate_ppm",
                rule.accountId(), rule.name(), rule.kind().sqlName(), rule.amountMicroSu(), rule.ratePpm());
    }

    @Override
    public void deleteBillingRule(long accountId, String name) {
        sql.update("DELETE FROM billing_rules WHERE account_id = ? AND name = ?", accountId, name);
    }

    @Override
    public void insertBilledLine(BilledLine line, String opKey, long atMillis) {
        sql.update("INSERT INTO billing_lines (account_id, month, meter, name, quantity, amount_micro_su, op_key,"
                + " at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", line.accountId(), line.month(), line.meter(), line.name(),
                line.quantity(), line.amountMicroSu(), opKey, atMillis);
    }

    private static final String BILLED_COLUMNS = "account_id, month, meter, name, quantity, amount_micro_su";

    private static BilledLine billedLine(ResultSet r) throws SQLException {
        return new BilledLine(r.getLong("account_id"), r.getString("month"), r.getString("meter"),
                r.getString("name"), r.getString("quantity"), r.getLong("amount_micro_su"));
    }
}
