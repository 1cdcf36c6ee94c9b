package org.allocd.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.allocd.billing.BillNote;
import org.allocd.billing.BillingRows;
import org.allocd.billing.BillingRule;
import org.allocd.billing.BillingRuleKind;
import org.allocd.billing.CloseMonth;
import org.allocd.billing.RemoveBillingRule;
import org.allocd.billing.SetBillingRule;
import org.allocd.fallback.SetFallback;
import org.allocd.ledger.Account;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Operation;
import org.allocd.report.Bills;
import org.allocd.storage.ImportStorage;
import org.allocd.storage.StorageUse;

/**
 * The admin protocol's billing ops (docs/protocol.md, "Billing"): the monthly bill and billing rules
 * (reads), and fallback accounts, billing rules, month close and storage imports (admin writes).
 */
final class BillingRequests {
    /** Bounds an import to what one admin request (1 MiB) carries. */
    static final int MAX_STORAGE_LINES = 8000;
    private static final ObjectMapper JSON = WireJson.MAPPER;

    private final Ledger ledger;
    private final LongSupplier storageRateMicroSu;

    /** storageRateMicroSu: the configured SU per GB-month in micro-SU, read at each import. */
    BillingRequests(Ledger ledger, LongSupplier storageRateMicroSu) {
        this.ledger = ledger;
        this.storageRateMicroSu = storageRateMicroSu;
    }

    ObjectNode bill(ObjectNode r) {
        String account = Fields.text(r, "account");
        String month = month(r);
        return ledger.read(view -> {
            Account a = ReportRequests.named(view, account);
            ObjectNode answer = Replies.ok();
            answer.setAll((ObjectNode) JSON.valueToTree(Bills.of(view, a, month,
                    ReportRequests.MAX_ROWS, ledger.nowMillis())));
            return answer;
        });
    }

    ObjectNode rules(ObjectNode r) {
        String account = Fields.optionalText(r, "account");
        return ledger.read(view -> {
            Map<Long, String> names = new HashMap<>();
            view.accounts().forEach(a -> names.put(a.id(), a.name()));
            Long id = account == null ? null : ReportRequests.named(view, account).id();
            ArrayNode rows = JSON.createArrayNode();
            for (BillingRule rule : view.rows(BillingRows.class).billingRules(id)) {
                rows.addObject().put("account", names.get(rule.accountId())).put("name", rule.name())
                        .put("kind", rule.kind().sqlName()).put("amount_micro_su", rule.amountMicroSu())
                        .put("rate_ppm", rule.ratePpm()).put("rule", rule.describe());
            }
            ObjectNode answer = Replies.ok();
            answer.set("rows", rows);
            return answer.put("truncated", false);
        });
    }

    static Operation setFallback(ObjectNode r, String key, String actor) {
        return new SetFallback(key, actor, Fields.text(r, "account"), Fields.optionalText(r, "fallback"),
                Fields.optionalText(r, "qos"));
    }

    static Operation setBillingRule(ObjectNode r, String key, String actor) {
        return new SetBillingRule(key, actor, Fields.text(r, "account"), Fields.text(r, "name"),
                BillingRuleKind.parse(Fields.text(r, "kind")),
                Fields.optionalNumber(r, "amount_micro_su", 0, -MicroSu.MAX_AMOUNT, MicroSu.MAX_AMOUNT),
                Fields.optionalNumber(r, "rate_ppm", 0, -100_000_000, 100_000_000));
    }

    static Operation removeBillingRule(ObjectNode r, String key, String actor) {
        return new RemoveBillingRule(key, actor, Fields.text(r, "account"), Fields.text(r, "name"));
    }

    static Operation closeMonth(ObjectNode r, String key, String actor) {
        return new CloseMonth(key, actor, month(r), Fields.optionalText(r, "account"),
                Fields.optionalText(r, "rule"));
    }

    Operation importStorage(ObjectNode r, String key, String actor) {
        return new ImportStorage(key, actor, month(r), storageRate(), uses(r));
    }

    private long storageRate() {
        long rate = storageRateMicroSu.getAsLong();
        if (rate <= 0) {
            throw new BadRequest("storage_rate is not set in allocd.conf; set it to the SU one GB costs per month"
                    + " (e.g. storage_rate = 0.25) and reload allocd");
        }
        return rate;
    }

    private static String month(ObjectNode r) {
        try {
            return BillNote.month(Fields.text(r, "month"));
        } catch (RuntimeException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static List<StorageUse> uses(ObjectNode r) {
        JsonNode node = r.get("uses");
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_STORAGE_LINES) {
            throw new BadRequest("field 'uses' must be a list of 1 to " + MAX_STORAGE_LINES
                    + " filesets; split a larger file");
        }
        List<StorageUse> uses = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new BadRequest("field 'uses' must hold objects, got " + item);
            }
            ObjectNode use = (ObjectNode) item;
            uses.add(new StorageUse((int) Fields.number(use, "line", 1, Integer.MAX_VALUE), Fields.text(use, "fileset"),
                    Fields.text(use, "kind"), Fields.text(use, "account"),
                    Fields.number(use, "max_reserved_micro_gb", 0, Long.MAX_VALUE)));
        }
        return uses;
    }
}
