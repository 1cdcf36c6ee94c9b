package org.allocd.figures;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.allocd.access.Access;
import org.allocd.access.Caller;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerStore;
import org.allocd.ledger.Operation;
import org.allocd.ledger.TestClock;
import org.allocd.ledger.VerifyReport;
import org.allocd.protocol.AdminRequests;
import org.allocd.protocol.HealthSources;
import org.allocd.protocol.PortalLinks;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.TestStore;

/**
 * A ledger on a real store and the admin requests that allocmgr and the HTTP API send to it (the API
 * maps /v1/balance, /v1/accounts, /v1/statement and /v1/bill to these same ops), asked as root.
 */
final class FiguresWorld implements AutoCloseable {
    /** 2026-10-01T00:00:00Z. */
    static final long T0 = 1_790_812_800_000L;
    private static final Caller ROOT = new Caller("root", true);

    final TestClock clock = new TestClock(T0);
    final LedgerStore store;
    final Ledger ledger;
    final AdminRequests admin;
    private final AtomicLong keys = new AtomicLong();

    FiguresWorld(Path dir, TestStore kind) {
        store = SqlLedgerStore.open(kind.fresh(dir));
        ledger = new Ledger(store, clock);
        admin = new AdminRequests(ledger, null, new Access(ledger, Set::of, null), Runnable::run, () -> 14, null,
                () -> 0, PortalLinks.OFF,
                new HealthSources(dir.resolve("spool"), Optional::empty, dir.resolve("last-verify.json")));
    }

    String key() {
        return "k" + keys.incrementAndGet();
    }

    void apply(Operation op) {
        ledger.apply(op);
    }

    /** The answer of an admin op, which must succeed. */
    JsonNode ask(String op, Map<String, Object> fields) {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("op", op);
        fields.forEach((name, value) -> {
            if (value instanceof Long number) {
                request.put(name, number);
            } else {
                request.put(name, value.toString());
            }
        });
        JsonNode answer = admin.handle(() -> ROOT, request).join();
        assertTrue(answer.path("ok").asBoolean(), () -> op + " " + fields + " failed: " + answer);
        return answer;
    }

    void assertClean() {
        VerifyReport report = ledger.verify();
        assertTrue(report.clean(), () -> "verify found: " + report.problems());
    }

    @Override
    public void close() {
        store.close();
    }
}
