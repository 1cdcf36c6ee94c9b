package org.allocd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.allocd.access.Access;
import org.allocd.access.Caller;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerStore;
import org.allocd.ledger.Operation;
import org.allocd.ledger.TestClock;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One error code per fact, whatever the op (docs/protocol.md): the same unknown name, the same code. */
class ErrorCodesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anUnknownAccountOrJobIsTheSameCodeInEveryOp() throws Exception {
        try (LedgerStore store = SqlLedgerStore.open(TestStore.SQLITE.fresh(dir))) {
            Ledger ledger = new Ledger(store, new TestClock(1_790_812_800_000L));
            ledger.apply(new Operation.CreateAccount("k1", "admin", "chem", null, "", "", 0));
            AdminRequests admin = new AdminRequests(ledger, null, new Access(ledger, Set::of, null), Runnable::run,
                    () -> 14, null, () -> 0, PortalLinks.OFF,
                    new HealthSources(dir.resolve("spool"), Optional::empty, dir.resolve("last-verify.json")));
            String[] unknownAccount = {
                "{\"op\":\"balance\",\"account\":\"chme\"}",
                "{\"op\":\"balances\",\"account\":\"chme\"}",
                "{\"op\":\"statement\",\"account\":\"chme\"}",
                "{\"op\":\"bill\",\"account\":\"chme\",\"month\":\"2026-10\"}",
                "{\"op\":\"jobcharge\",\"account\":\"chme\"}",
                "{\"op\":\"allocations\",\"account\":\"chme\"}",
                "{\"op\":\"billing_rules\",\"account\":\"chme\"}",
                "{\"op\":\"grants\",\"account\":\"chme\"}",
                "{\"op\":\"deposit\",\"account\":\"chme\",\"amount_micro_su\":5}",
                "{\"op\":\"withdraw\",\"account\":\"chme\",\"amount_micro_su\":5}",
                "{\"op\":\"adjust\",\"account\":\"chme\",\"amount_micro_su\":5,\"note\":\"x\"}",
                "{\"op\":\"transfer\",\"from\":\"chem\",\"to\":\"chme\",\"amount_micro_su\":5}",
            };
            for (String request : unknownAccount) {
                assertEquals("unknown_account", ask(admin, request), request);
            }
            for (String request : new String[] {"{\"op\":\"refund\",\"job\":\"999999\"}",
                    "{\"op\":\"refund\",\"job\":\"local/999/0\"}",
                    "{\"op\":\"release_lien\",\"job\":\"local/999/0\"}"}) {
                assertEquals("unknown_job", ask(admin, request), request);
            }
            assertEquals("bad_request", ask(admin, "{\"op\":\"refund\",\"job\":\"abc\"}"), "not a job id at all");
        }
    }

    private static String ask(AdminRequests admin, String request) throws Exception {
        ObjectNode answer = admin.handle(() -> new Caller("root", true), (ObjectNode) JSON.readTree(request)).join();
        return answer.path("error").asText("none: " + answer);
    }
}
