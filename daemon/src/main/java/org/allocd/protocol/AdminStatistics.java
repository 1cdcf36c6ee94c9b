package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.ReportRows.Charged;
import org.allocd.ledger.ReportRows.Counts;
import org.allocd.ledger.ReportRows.Moved;

/**
 * The bank at a glance, for admins ('allocmgr show statistics', the portal's statistics page): how many
 * accounts, users and jobs it knows, the SU charged (net of refunds) and deposited on each of the last days
 * (days of the daemon's time zone), and the accounts and users charged most in those days.
 */
final class AdminStatistics {
    static final int DEFAULT_DAYS = 30;
    private static final int MAX_DAYS = 366;
    private static final int TOP = 10;

    private final Ledger ledger;

    AdminStatistics(Ledger ledger) {
        this.ledger = ledger;
    }

    ObjectNode answer(ObjectNode r) {
        int days = (int) Fields.optionalNumber(r, "days", DEFAULT_DAYS, 1, MAX_DAYS);
        ZoneId zone = ZoneId.systemDefault();
        LocalDate first = Instant.ofEpochMilli(ledger.nowMillis()).atZone(zone).toLocalDate().minusDays(days - 1);
        long fromMillis = startOf(first, zone);
        long toMillis = startOf(first.plusDays(days), zone);
        return ledger.read(view -> {
            Counts counts = view.counts();
            ObjectNode answer = Replies.ok().put("accounts", counts.accounts()).put("users", counts.users())
                    .put("jobs", counts.jobs()).put("from_ms", fromMillis).put("to_ms", toMillis);
            ArrayNode rows = answer.putArray("rows");
            long charged = 0;
            long deposited = 0;
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                long dayStartMillis = startOf(day, zone);
                // One range of the index journal_moved per day: exact days across a change of summer time.
                Moved moved = view.moved(dayStartMillis, startOf(day.plusDays(1), zone));
                rows.addObject().put("day", day.toString()).put("from_ms", dayStartMillis)
                        .put("charged_micro_su", moved.chargedMicroSu())
                        .put("deposited_micro_su", moved.depositedMicroSu());
                charged += moved.chargedMicroSu();
                deposited += moved.depositedMicroSu();
            }
            answer.put("charged_micro_su", charged).put("deposited_micro_su", deposited);
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

    private static long startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
