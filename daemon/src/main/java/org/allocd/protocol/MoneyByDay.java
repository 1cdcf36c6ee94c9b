package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.allocd.ledger.DayMoney;
import org.allocd.ledger.JournalTotal;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerView;

/**
 * SU charged (net of refunds) and deposited on each of the last days, today the last, of an account and its
 * subtree or (admins) of the whole bank ('money_by_day': allocmgr show days, the portal's account chart; the
 * statistics' days are the same rows). Days are UTC, as the bank's months are; each is read from the day's
 * running totals, never from a page of journal lines.
 */
final class MoneyByDay {
    static final int DEFAULT_DAYS = 30;

    private final Ledger ledger;

    MoneyByDay(Ledger ledger) {
        this.ledger = ledger;
    }

    ObjectNode answer(ObjectNode r) {
        String account = Fields.optionalText(r, "account");
        int days = days(r);
        return ledger.read(view -> {
            Long accountId = account == null ? null : ReportRequests.named(view, account).id();
            ObjectNode answer = Replies.ok().put("account", account);
            return put(answer, view, accountId, ledger.nowMillis(), days);
        });
    }

    /** The request's days: a whole number from 1 to DayMoney.MAX_DAYS, or DEFAULT_DAYS. */
    static int days(ObjectNode r) {
        return (int) Fields.optionalNumber(r, "days", DEFAULT_DAYS, 1, DayMoney.MAX_DAYS);
    }

    /**
     * Puts from_ms and to_ms (the first day's start, the end of today), a row per day and the days' totals into
     * the answer; returns it.
     */
    static ObjectNode put(ObjectNode answer, LedgerView view, Long accountId, long nowMillis, int days) {
        long toMillis = JournalTotal.nextDayStartMillis(nowMillis);
        long fromMillis = toMillis - days * JournalTotal.DAY_MILLIS;
        answer.put("from_ms", fromMillis).put("to_ms", toMillis);
        ArrayNode rows = answer.putArray("rows");
        long charged = 0;
        long deposited = 0;
        for (DayMoney day : view.moneyByDay(accountId, fromMillis, toMillis)) {
            rows.addObject().put("day", day.day()).put("from_ms", day.dayStartMillis())
                    .put("charged_micro_su", day.chargedMicroSu()).put("deposited_micro_su", day.depositedMicroSu());
            charged += day.chargedMicroSu();
            deposited += day.depositedMicroSu();
        }
        return answer.put("charged_micro_su", charged).put("deposited_micro_su", deposited);
    }
}
