package org.allocd.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allocd.billing.BillNote;
import org.allocd.figures.FigureRows;
import org.allocd.figures.Upcoming;

/** The figures' own reads, in SQL. */
final class SqlFigureRows implements FigureRows {
    private final Sql sql;

    SqlFigureRows(Sql sql) {
        this.sql = sql;
    }
    @Override
    public List<Upcoming> depositedBeforeTheyStart(long rootAccountId, long beforeMillis, int limit) {
        // A deposit's allocation holds what its DEPOSIT line booked; transfers and grants never make an
        // allocation that starts after it is made, so every such allocation is a deposit's.
        return sql.list(Rows.SUBTREE + "SELECT c.name, a.account_id, a.id, a.amount_micro_su, a.created_at_ms,"
                + " a.starts_at_ms, a.ends_at_ms FROM allocations a JOIN accounts c ON c.id = a.account_id"
                + " WHERE a.account_id IN (SELECT id FROM subtree) AND a.is_pot = 0"
                + " AND a.starts_at_ms > a.created_at_ms AND a.created_at_ms < ? ORDER BY a.starts_at_ms, a.id LIMIT ?",
                r -> new Upcoming(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                        Sql.nullableLong(r, "ends_at_ms")), rootAccountId, beforeMillis, limit);
    }

    @Override
    public Map<Long, Long> billedLateMicroSu(long rootAccountId, long atMillis) {
        // A BILL note starts with its month, YYYY-MM (BillNote), so months compare as text.
        Map<Long, Long> byAccount = new HashMap<>();
        sql.each(Rows.SUBTREE + "SELECT account_id, SUM(amount_micro_su) FROM journal"
                + " WHERE account_id IN (SELECT id FROM subtree) AND kind = 'BILL' AND at_ms >= ?"
                + " AND substr(note, 1, 7) < ? AND note LIKE '____-__ %' GROUP BY account_id",
                r -> Map.entry(r.getLong(1), r.getLong(2)), e -> byAccount.put(e.getKey(), e.getValue()),
                rootAccountId, atMillis, BillNote.monthOf(atMillis));
        return byAccount;
    }
}
