package org.allocd.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.allocd.alert.AlertRows;
import org.allocd.alert.NotifySetting;

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
                e -> byAccount.put(e.getKey(), percents(e.getValue())));
        return byAccount;
    }

    private static List<Integer> percents(String text) {
        return text == null ? null : Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
    }

    private static String text(List<Integer> percents) {
        return percents == null ? null : percents.stream().map(String::valueOf).collect(Collectors.joining(","));
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
            sql.update("INSERT INTO alert_thresholds (account_id, percents) VALUES (?, ?)", accountId, text(percents));
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

    @Override
    public Map<Long, NotifySetting> notifySettings() {
        Map<Long, NotifySetting> byUser = new HashMap<>();
        sql.each("SELECT user_id, mail, percents FROM notify_settings",
                r -> new NotifySetting(r.getLong(1), r.getInt(2) == 1, percents(r.getString(3))),
                s -> byUser.put(s.userId(), s));
        return byUser;
    }

    @Override
    public void setNotify(NotifySetting setting) {
        sql.update("DELETE FROM notify_settings WHERE user_id = ?", setting.userId());
        sql.update("INSERT INTO notify_settings (user_id, mail, percents) VALUES (?, ?, ?)", setting.userId(),
                setting.mail() ? 1 : 0, text(setting.percents()));
    }

    @Override
    public Map<Long, Set<String>> mailsSent(long accountId) {
        Map<Long, Set<String>> byUser = new HashMap<>();
        sql.each("SELECT user_id, alert FROM alert_mails_sent WHERE account_id = ?",
                r -> Map.entry(r.getLong(1), r.getString(2)),
                e -> byUser.computeIfAbsent(e.getKey(), u -> new HashSet<>()).add(e.getValue()), accountId);
        return byUser;
    }

    @Override
    public void insertMailSent(long accountId, long userId, String alert, long atMillis) {
        sql.update("INSERT INTO alert_mails_sent (account_id, user_id, alert, sent_at_ms) VALUES (?, ?, ?, ?)",
                accountId, userId, alert, atMillis);
    }

    @Override
    public void deleteMailSent(long accountId, long userId, String alert) {
        sql.update("DELETE FROM alert_mails_sent WHERE account_id = ? AND user_id = ? AND alert = ?", accountId,
                userId, alert);
    }
}
