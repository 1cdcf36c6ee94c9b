package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File and socket modes of a running daemon, and names that look like SQL: refused, or stored and read back
 * literally, never executed. (Peer-uid refusals on the sockets are in DaemonTest.)
 */
class PermissionsTest {
    private static final List<String> HOSTILE_NAMES = List.of("x'; DROP TABLE journal;--",
            "Robert'); DROP TABLE accounts;--", "a\"b", "a;b", "a' OR '1'='1", "%", "_", "a b", "名前", "ünïcødé",
            "🙂", "a\u0000b", "--", "/*", "a\\b", "proj'", "PROJ");
    /** PROJ is folded to the existing proj and refused as already_exists: still nothing changes. */
    private static final Set<String> REFUSALS = Set.of("invalid_argument", "bad_request", "already_exists");

    @TempDir
    Path dir;

    @Test
    void stateFilesAreOwnerOnlyAndSocketsHaveTheirModes() throws Exception {
        DaemonFixture.Builder conf = DaemonFixture.in(dir);
        try (DaemonFixture daemon = conf.start()) {
            daemon.seed();
            for (Path file : List.of(conf.database(), Path.of(conf.database() + "-wal"), Path.of(conf.database() + "-shm"))) {
                assertEquals("rw-------", mode(file), file + " holds the ledger: owner only");
            }
            assertEquals("rwx------", mode(conf.stateDir()));
            assertEquals("rw-rw----", mode(conf.hookSocket), "hook socket: the daemon's user and the socket group");
            assertEquals("rw-rw-rw-", mode(conf.adminSocket), "admin socket: anyone connects, the uid decides");
            Path backup = dir.resolve("backup.db");
            ObjectNode answer = daemon.admin("{\"op\":\"backup\",\"file\":\"" + backup + "\"}");
            assertTrue(answer.path("ok").asBoolean(), answer.toString());
            assertEquals("rw-------", mode(backup), "a backup is the ledger too");
            ReliabilityTable.row(ReliabilityTable.MODES, "db, -wal, -shm, state dir, 2 sockets, a backup", "0600 files,"
                    + " 0700 state dir, hook socket 0660, admin socket 0666");
        }
    }

    @Test
    void namesThatLookLikeSqlAreRefusedOrStoredLiterally() throws Exception {
        try (DaemonFixture daemon = DaemonFixture.in(dir).start()) {
            daemon.seed();
            int stored = 0;
            for (int i = 0; i < HOSTILE_NAMES.size(); i++) {
                String name = HOSTILE_NAMES.get(i);
                long before = daemon.journalEntries();
                ObjectNode create = daemon.admin(request("create_account", "name", name, "key", "acct-" + i)
                        .toString());
                if (!create.path("ok").asBoolean()) {
                    assertTrue(REFUSALS.contains(create.path("error").asText()),
                            name + ": " + create);
                    assertEquals(before, daemon.journalEntries(), "a refused name changed the journal: " + name);
                    if (create.path("error").asText().equals("already_exists")) {
                        continue;
                    }
                    String lookup = daemon.admin(request("balance", "account", name).toString()).path("error").asText();
                    assertTrue(Set.of("unknown_account", "invalid_argument").contains(lookup),
                            "a refused name must not exist: " + name + " -> " + lookup);
                    continue;
                }
                stored++;
                ObjectNode deposit = daemon.admin(request("deposit", "account", name, "key", "dep-" + i)
                        .put("amount_micro_su", 1000 + i).toString());
                assertTrue(deposit.path("ok").asBoolean(), name + ": " + deposit);
                ObjectNode balance = daemon.admin(request("balance", "account", name).toString());
                assertEquals(name, balance.path("account").asText(), "stored literally");
                assertEquals(1000 + i, balance.path("balance_micro_su").asLong(), name);
                ObjectNode user = daemon.admin(request("add_user", "name", name, "key", "user-" + i).toString());
                assertTrue(user.path("ok").asBoolean() || Set.of("invalid_argument", "bad_request")
                        .contains(user.path("error").asText()), name + ": " + user);
            }
            ObjectNode proj = daemon.admin("{\"op\":\"balance\",\"account\":\"proj\"}");
            assertEquals(100_000_000, proj.path("balance_micro_su").asLong(), "proj is untouched");
            ObjectNode verify = daemon.verify();
            assertTrue(verify.path("clean").asBoolean(), verify.toString());
            assertFalse(verify.path("accounts").asLong() > 1 + stored, "no account appeared from nowhere: " + verify);
            ReliabilityTable.row(ReliabilityTable.NAMES, HOSTILE_NAMES.size() + " names", stored + " stored literally, "
                    + (HOSTILE_NAMES.size() - stored) + " refused, nothing changed by a refusal; verify clean");
            System.out.printf("hostile names: %d stored literally, %d refused%n", stored,
                    HOSTILE_NAMES.size() - stored);
        }
    }

    @Test
    void freeTextThatLooksLikeSqlIsStoredLiterally() throws Exception {
        try (DaemonFixture daemon = DaemonFixture.in(dir).start()) {
            daemon.seed();
            long expected = 100_000_000;
            int storedKeys = 0;
            for (int i = 0; i < HOSTILE_NAMES.size(); i++) {
                String text = HOSTILE_NAMES.get(i);
                String deposit = request("deposit", "account", "proj", "key", "k" + i + text, "note", text)
                        .put("amount_micro_su", 1 + i).toString();
                ObjectNode first = daemon.admin(deposit);
                if (!first.path("ok").asBoolean()) {
                    assertTrue(REFUSALS.contains(first.path("error").asText()), text + ": " + first);
                    continue;
                }
                expected += 1 + i;
                storedKeys++;
                ObjectNode again = daemon.admin(deposit);
                assertTrue(again.path("replayed").asBoolean(), "the key is found again, literally: " + again);
                ObjectNode described = daemon.admin(request("modify_account", "name", "proj", "description", text,
                        "key", "m" + i + text).toString());
                assertTrue(described.path("ok").asBoolean() || REFUSALS.contains(described.path("error").asText()),
                        text + ": " + described);
            }
            assertEquals(expected, daemon.admin("{\"op\":\"balance\",\"account\":\"proj\"}")
                    .path("balance_micro_su").asLong());
            ObjectNode verify = daemon.verify();
            assertTrue(verify.path("clean").asBoolean(), verify.toString());
            ReliabilityTable.row(ReliabilityTable.FREE_TEXT, HOSTILE_NAMES.size() + " strings", storedKeys
                    + " stored and found again literally; verify clean");
            System.out.printf("hostile free text: %d keys and notes stored literally, %d refused%n", storedKeys,
                    HOSTILE_NAMES.size() - storedKeys);
        }
    }

    /** Builds the request with Jackson so every name is escaped exactly as a client library would. */
    private static ObjectNode request(String op, String... fields) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("op", op);
        for (int i = 0; i < fields.length; i += 2) {
            node.put(fields[i], fields[i + 1]);
        }
        return node;
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
