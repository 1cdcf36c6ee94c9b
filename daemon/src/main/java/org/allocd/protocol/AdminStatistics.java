package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.ReportRows.Charged;
import org.allocd.ledger.ReportRows.Counts;

/**
 * The bank at a glance, for admins ('allocmgr show statistics', the portal's statistics page): how many
 * accounts, users and jobs it knows, the SU charged (net of refunds) and deposited on each of the last days
 * (UTC days, the rows of money_by_day for the whole bank), and the accounts and users charged most in them.
 */
final class AdminStatistics {
    private static final int TOP = 10;

    private final Ledger ledger;

    AdminStatistics(Ledger ledger) {
        this.ledger = ledger;
    }

    ObjectNode answer(ObjectNode r) {
        int days = MoneyByDay.days(r);
        return ledger.read(view -> {
            Counts counts = view.counts();
            ObjectNode answer = Replies.ok().put("accounts", counts.accounts()).put("users", counts.users())
                    .put("jobs", counts.jobs());
            MoneyByDay.put(answer, view, null, ledger.nowMillis(), days);
            long fromMillis = answer.path("from_ms").asLong();
            long toMillis = answer.path("to_ms").asLong();
            most(answer.putArray("top_accounts"), "account", view, false, fromMillis, toMillis);
            most(answer.putArray("top_users"), "user", view, true, fromMillis, toMillis);
            return answer;
        });
    }

    private static void most(ArrayNode into, String nameField, LedgerView view, boolean byUser, long fromMillis,
            long toMillis) {
        List<Charged> most = view.mostCharged(byUser, fromMillis, toMillis, TOP);
        most.forEach(c -> into.addObject().put(nameField, c.name()).put("charged_micro_su", c.chargedMicroSu()));
    }
}
