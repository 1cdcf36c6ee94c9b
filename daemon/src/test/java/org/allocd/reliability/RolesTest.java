package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.allocd.daemon.DaemonFixture;
import org.allocd.server.NobodyClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin socket maps the peer's uid to a ledger user: a plain member (uid 65534, "nobody", member of proj)
 * reads its own account and nothing else, and cannot move money. Runs the client under setpriv; needs root.
 */
class RolesTest {
    /** Everything a member must not do, each answered "forbidden" and changing nothing. */
    private static final List<String> FORBIDDEN = List.of(
            "{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":5,\"key\":\"m1\"}",
            "{\"op\":\"withdraw\",\"account\":\"proj\",\"amount_micro_su\":5,\"key\":\"m2\"}",
            "{\"op\":\"transfer\",\"from\":\"proj\",\"to\":\"other\",\"amount_micro_su\":5,\"key\":\"m3\"}",
            "{\"op\":\"transfer\",\"from\":\"other\",\"to\":\"proj\",\"amount_micro_su\":5,\"key\":\"m4\"}",
            "{\"op\":\"refund\",\"job\":\"testcluster/1/0\",\"amount_micro_su\":5,\"key\":\"m5\"}",
            "{\"op\":\"adjust\",\"account\":\"proj\",\"amount_micro_su\":5,\"key\":\"m6\"}",
            "{\"op\":\"release_lien\",\"job\":\"testcluster/1/0\",\"key\":\"m7\"}",
            "{\"op\":\"balance\",\"account\":\"other\"}",
            "{\"op\":\"verify\"}",
            "{\"op\":\"create_account\",\"name\":\"mine\",\"key\":\"m8\"}",
            "{\"op\":\"add_membership\",\"user\":\"nobody\",\"account\":\"other\",\"key\":\"m9\"}",
            "{\"op\":\"set_default_account\",\"user\":\"alice\",\"account\":\"proj\",\"key\":\"m10\"}",
            "{\"op\":\"set_account_state\",\"name\":\"proj\",\"state\":\"frozen\",\"key\":\"m11\"}");

    @TempDir
    Path dir;

    @Test
    void aMemberReadsItsOwnAccountAndCannotMoveMoney() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run setpriv; skipped");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DaemonFixture.Builder conf = DaemonFixture.in(dir);
        Files.setPosixFilePermissions(conf.adminSocket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (DaemonFixture daemon = conf.start()) {
            daemon.seed();
            daemon.admin("{\"op\":\"create_account\",\"name\":\"other\",\"key\":\"o1\"}");
            daemon.admin("{\"op\":\"deposit\",\"account\":\"other\",\"amount_micro_su\":7000000,\"key\":\"o2\"}");
            daemon.admin("{\"op\":\"add_user\",\"name\":\"nobody\",\"uid\":65534,\"default_account\":\"proj\","
                    + "\"key\":\"o3\"}");
            long before = daemon.journalEntries();

            String own = asNobody(conf.adminSocket, "{\"op\":\"balance\",\"account\":\"proj\"}");
            assertTrue(own.contains("\"ok\":true") && own.contains("\"balance_micro_su\":100000000"), own);
            for (String request : FORBIDDEN) {
                String answer = asNobody(conf.adminSocket, request);
                assertTrue(answer.contains("\"error\":\"forbidden\""), request + " -> " + answer);
            }
            assertEquals(before, daemon.journalEntries(), "a refused member request changed the journal");
            assertTrue(daemon.verify().path("clean").asBoolean());
            ReliabilityTable.row(ReliabilityTable.ROLES, FORBIDDEN.size() + " requests as uid 65534", "own balance"
                    + " read; every other request forbidden; journal unchanged; verify clean");
        }
    }

    private String asNobody(Path socket, String json) throws Exception {
        return NobodyClient.ask(dir, socket, json);
    }
}
