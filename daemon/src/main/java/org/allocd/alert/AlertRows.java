package org.allocd.alert;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Alert thresholds and the alerts sent, in the store. */
public interface AlertRows {
    /** Alert thresholds (percent used) of every account that has any, by account id. */
    Map<Long, List<Integer>> alertThresholds();

    /** Alerts sent to an account and not re-armed since. */
    Set<String> alertsSent(long accountId);

    /** Replaces the account's thresholds; an empty list removes them. */
    void setAlertThresholds(long accountId, List<Integer> percents);

    void insertAlertSent(long accountId, String alert, long atMillis);

    void deleteAlertSent(long accountId, String alert);
}
