package org.allocd.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a pending job waits for funds, with the arithmetic: its price and the account's figures the funds rule
 * decided by, all from the 'jobs' op (held_funds), so the sentence and the account's card show the same numbers.
 */
final class PendingReason {
    private PendingReason() {}

    /** The row with its reason in words when the op says why it waits for funds; else the row as it came. */
    static JsonNode explained(Messages m, JsonNode row) {
        JsonNode funds = row.path("held_funds");
        if (!funds.isObject() || !row.hasNonNull("quote_micro_su")) {
            return row;
        }
        List<String> holders = new ArrayList<>();
        funds.path("held_by").forEach(job -> holders.add(job.asText()));
        String jobs = holders.isEmpty() ? m.t("pending.noJobs")
                : String.join(", ", holders) + (funds.path("more_holders").asBoolean() ? " " + m.t("pending.more") : "");
        String reason = m.t("pending.funds", Cells.su(row.path("quote_micro_su").asLong()), row.path("account").asText(),
                Cells.su(funds.path("active_micro_su").asLong()), Cells.su(funds.path("held_micro_su").asLong()), jobs,
                Cells.su(funds.path("available_micro_su").asLong()));
        long credit = funds.path("credit_limit_micro_su").asLong();
        if (credit != 0) {
            reason += " " + m.t("pending.credit", Cells.su(credit));
        }
        return ((ObjectNode) row.deepCopy()).put("reason", reason);
    }
}
