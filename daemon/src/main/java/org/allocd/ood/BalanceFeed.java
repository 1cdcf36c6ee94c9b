package org.allocd.ood;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allocd.figures.AccountFigures;
import org.allocd.ledger.Account;
import org.allocd.ledger.AccountState;
import org.allocd.ledger.LedgerView;
import org.allocd.ledger.MicroSu;
import org.allocd.ledger.Membership;
import org.allocd.ledger.User;

/**
 * Open OnDemand's balance file, format version 1 (OSC/ondemand apps/dashboard/app/models/balance.rb): one
 * entry per user and account they may charge (a membership of an account not closed), its value the
 * account's balance as `allocmgr balance` and `allocmgr accounts` show it, in whole SU rounded down
 * (toward minus infinity), so the dashboard never shows more than there is.
 */
final class BalanceFeed {
    /**
     * 100,000 users x accounts with room to spare; an entry is at most about 160 bytes (32-byte names and
     * a 20-digit value), so the file stays under about 32 MB. Beyond it entries are cut, with a log line.
     */
    static final int MAX_ENTRIES = 200_000;
    private static final JsonFactory JSON = new JsonFactory();

    record Entry(String user, String project, long valueSu) {}

    private BalanceFeed() {}

    /** Every entry, sorted by user then account, at most MAX_ENTRIES + 1 (so a cut can be told). */
    static List<Entry> entries(LedgerView view, long nowMillis) {
        Map<Long, String> users = new HashMap<>();
        for (User u : view.users()) {
            users.put(u.id(), u.name());
        }
        Map<Long, Long> valueByAccount = new HashMap<>();
        Map<Long, String> nameByAccount = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Membership m : view.memberships()) {
            if (!nameByAccount.containsKey(m.accountId())) {
                Account account = view.accountById(m.accountId()).orElseThrow();
                nameByAccount.put(m.accountId(), account.state() == AccountState.CLOSED ? null : account.name());
                if (account.state() != AccountState.CLOSED) {
                    valueByAccount.put(m.accountId(),
                            Math.floorDiv(AccountFigures.of(view, account, 0, nowMillis + 1, nowMillis).subtree()
                                    .balanceMicroSu(), MicroSu.PER_SU));
                }
            }
            String project = nameByAccount.get(m.accountId());
            if (project != null) {
                entries.add(new Entry(users.get(m.userId()), project, valueByAccount.get(m.accountId())));
            }
            if (entries.size() > MAX_ENTRIES) {
                break;
            }
        }
        entries.sort(Comparator.comparing(Entry::user).thenComparing(Entry::project));
        return entries;
    }

    /** The whole file: version, timestamp (epoch seconds), config and balances; out is flushed, not closed. */
    static void write(List<Entry> entries, long timestampSeconds, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeNumberField("version", 1);
            json.writeNumberField("timestamp", timestampSeconds);
            json.writeObjectFieldStart("config");
            json.writeStringField("unit", "SU");
            json.writeStringField("project_type", "account");
            json.writeEndObject();
            json.writeArrayFieldStart("balances");
            for (Entry e : entries.subList(0, Math.min(entries.size(), MAX_ENTRIES))) {
                json.writeStartObject();
                json.writeStringField("user", e.user());
                json.writeStringField("project", e.project());
                json.writeNumberField("value", e.valueSu());
                json.writeEndObject();
                json.writeRaw('\n');
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }
}
