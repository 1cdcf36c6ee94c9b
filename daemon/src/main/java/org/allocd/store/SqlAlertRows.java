package org.allocd.store;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.allocd.alert.AlertRows;

/** Alert thresholds and sent alerts in SQL (shared by both dialects). */
final class SqlAlertRows implements AlertRows {
    private final Sql sql;

    SqlAlertRows(Sql sql) {
        this.sql = sql;
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
    public void setAlertThresholds(long accountId, List<Integer> percents) {
        sql.update("DELETE FROM alert_thresholds WHERE account_id = ?", accountId);
        if (!percents.isEmpty()) {
            sql.update("INSERT INTO alert_thresholds (account_id, percents) VALUES (?, ?)", accountId,
                    percents.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
    }

    @Override
    public void insertAlertSent(long accountId, String alert, long atMillis) {
        sql.update("INSERT INTO alerts_sent (account_id, alert, sent_at_ms) VALUES (?, ?, ?)", accountId, alert, atMillis);
    }

    @Override
    public void deleteAlertSent(long accountId, String alert) {
        sql.update("DELETE FROM alerts_sent WHERE account_id = ? AND alert = ?", accountId, alert);
    }
}
