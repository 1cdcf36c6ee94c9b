package org.allocd.alert;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Alert thresholds, users' mail settings and the alerts sent (by command and by mail), in the store. */
public interface AlertRows {
    /** Alert thresholds (percent used) of every account that has any, by account id. */
    Map<Long, List<Integer>> alertThresholds();

    /** Alerts sent to an account and not re-armed since. */
    Set<String> alertsSent(long accountId);

    /** Replaces the account's thresholds; an empty list removes them. */
    void setAlertThresholds(long accountId, List<Integer> percents);

    void insertAlertSent(long accountId, String alert, long atMillis);

    void deleteAlertSent(long accountId, String alert);

    /** Every user's own mail setting, by user id (users without one are not there). */
    Map<Long, NotifySetting> notifySettings();

    void setNotify(NotifySetting setting);

    /** Alert mails of an account sent and not re-armed since, by user id. */
    Map<Long, Set<String>> mailsSent(long accountId);

    void insertMailSent(long accountId, long userId, String alert, long atMillis);

    void deleteMailSent(long accountId, long userId, String alert);
}
