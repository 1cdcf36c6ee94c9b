package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allocd.ledger.Account;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.MemberUse;
import org.allocd.ledger.Membership;

/**
 * Members' use against their per-user limits as answers carry it (MemberUse, docs/numbers.md "member use"):
 * in 'memberships' rows and under each 'balances' row. A member sees their own row, a coordinator of the
 * account or above it and an admin every member's.
 */
final class MemberUseRows {
    private final LedgerView view;
    private final long nowMillis;
    private final Map<Long, String> userNames = new HashMap<>();
    private final List<Membership> memberships;
    private final Map<Long, List<Membership>> byAccount = new HashMap<>();

    MemberUseRows(LedgerView view, long nowMillis) {
        this.view = view;
        this.nowMillis = nowMillis;
        view.users().forEach(u -> userNames.put(u.id(), u.name()));
        memberships = view.memberships();
        memberships.forEach(m -> byAccount.computeIfAbsent(m.accountId(), id -> new ArrayList<>()).add(m));
    }

    String userName(Membership m) {
        return userNames.get(m.userId());
    }

    /** The members of account the caller may see: all when seesAll, else only caller's own membership. */
    ArrayNode members(Account account, boolean seesAll, String caller) {
        ArrayNode rows = ReportRequests.JSON.createArrayNode();
        for (Membership m : byAccount.getOrDefault(account.id(), List.of())) {
            if (seesAll || userName(m).equals(caller)) {
                rows.add(row(m, account.name()));
            }
        }
        return rows;
    }

    /** One membership: account, user, role and the member's use against their limit. */
    ObjectNode row(Membership m, String accountName) {
        MemberUse use = MemberUse.of(view, m, userName(m), accountName, nowMillis);
        ObjectNode row = ReportRequests.JSON.createObjectNode().put("account", accountName).put("user", use.user())
                .put("role", m.role().sqlName()).put("used_micro_su", use.usedMicroSu());
        if (use.limitMicroSu() == null) {
            row.putNull("limit_micro_su");
        } else {
            row.put("limit_micro_su", use.limitMicroSu());
        }
        row.put("limit_per", use.per().sqlName()).put("blocked_by", m.blockedBy());
        if (use.cycle() == null) {
            row.putNull("cycle_start_ms");
        } else {
            row.put("cycle_start_ms", use.cycle().startsAtMillis());
        }
        return row.put("use_counts", use.periodText());
    }

    /** Every membership, by account then user, that passes shown (an account id and a user name). */
    ArrayNode all(Map<Long, String> accountNames, Shown shown) {
        ArrayNode rows = ReportRequests.JSON.createArrayNode();
        for (Membership m : memberships) {
            if (shown.test(m.accountId(), userName(m))) {
                rows.add(row(m, accountNames.get(m.accountId())));
            }
        }
        return rows;
    }

    interface Shown {
        boolean test(long accountId, String userName);
    }
}
