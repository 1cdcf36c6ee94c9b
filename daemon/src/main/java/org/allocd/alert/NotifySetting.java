package org.allocd.alert;

import java.util.List;

/**
 * A user's own choice for alert mail: mail off, or their own usage thresholds (percents null: the
 * thresholds of each account, which reach only its coordinators). A user without one gets the default:
 * mail on, the accounts' thresholds.
 */
public record NotifySetting(long userId, boolean mail, List<Integer> percents) {
    public static NotifySetting defaultFor(long userId) {
        return new NotifySetting(userId, true, null);
    }
}
