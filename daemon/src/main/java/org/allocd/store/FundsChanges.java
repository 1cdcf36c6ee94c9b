package org.allocd.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What one write task changed of the rows {@link FundsMemory} holds, noted by
 * {@link SqlLedgerTx} as it writes and forgotten there once the task commits.
 */
final class FundsChanges {
    private final List<Long> accountIds = new ArrayList<>(2);
    private final List<Long> allocationIds = new ArrayList<>(2);
    private final List<MembershipKey> memberships = new ArrayList<>(0);
    private boolean usersChanged;

    void account(long accountId) {
        accountIds.add(accountId);
    }

    void allocation(long allocationId) {
        allocationIds.add(allocationId);
    }

    void membership(long userId, long accountId) {
        memberships.add(new MembershipKey(userId, accountId));
    }

    void users() {
        usersChanged = true;
    }

    boolean isEmpty() {
        return accountIds.isEmpty() && allocationIds.isEmpty() && memberships.isEmpty() && !usersChanged;
    }

    List<Long> accountIds() {
        return accountIds;
    }

    List<Long> allocationIds() {
        return allocationIds;
    }

    List<MembershipKey> memberships() {
        return memberships;
    }

    boolean usersChanged() {
        return usersChanged;
    }
}
