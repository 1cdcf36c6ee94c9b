package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ood_balance_file, read by the rules of Open OnDemand's dashboard (apps/dashboard/app/models/balance.rb):
 * the whole file must parse as one JSON object with a "balances" array, every entry must have a non-null
 * "user" and "value" (one without makes the dashboard drop the whole file for everyone), "value" goes
 * through Ruby's to_i, "timestamp" through Time.at(to_i), and "unit" and "project_type" come from "config".
 */
class OodBalanceFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path file;
    CliFixture f;

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("ood/balances.json");
        Files.createDirectories(file.getParent());
        f = new CliFixture(dir, Clock.systemUTC(), "ood_balance_file = " + file);
        f.ok("add", "account", "dept");
        f.ok("add", "account", "proj", "parent=dept");
        f.ok("add", "account", "gone");
        f.ok("add", "user", "alice", "defaultaccount=proj");
        f.ok("add", "user", "bob", "defaultaccount=proj");
        f.ok("add", "membership", "user=alice", "account=proj");
        f.ok("add", "membership", "user=alice", "account=dept");
        f.ok("add", "membership", "user=bob", "account=proj");
        f.ok("add", "membership", "user=bob", "account=gone");
        f.ok("-i", "modify", "account", "gone", "set", "state=closed");
        f.ok("-i", "deposit", "dept", "amount=100", "note=grant");
        f.ok("-i", "deposit", "proj", "amount=50", "note=grant");
        f.job(1, "alice", "proj", 8, 1800);
    }

    @AfterEach
    void stop() {
        f.verifyClean();
        f.close();
    }

    @Test
    void aBalanceChangeReachesTheFileWithinTenSecondsInTheDashboardsFormat() throws Exception {
        long changedMillis = System.currentTimeMillis();
        f.ok("-i", "deposit", "proj", "amount=0.75", "note=top-up");
        List<String> lines = waitFor("alice|proj|50", 10_000);
        long seenMillis = System.currentTimeMillis();
        assertTrue(seenMillis - changedMillis <= 10_000, "took " + (seenMillis - changedMillis) + " ms");
        // proj: 50 + 0.75 - 0.5 (alice's half-hour job) = 50.25 SU, shown as 50; dept is its subtree: 150.25 -> 150.
        // bob's closed account is not there.
        assertEquals(List.of("alice|dept|150", "alice|proj|50", "bob|proj|50"), lines);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var siblings = Files.list(file.getParent())) {
            assertEquals(List.of(file), siblings.toList(), "a temporary file was left beside the balance file");
        }
        JsonNode root = JSON.readTree(file.toFile());
        assertEquals(1, root.get("version").asInt());
        assertTrue(Math.abs(root.get("timestamp").asLong() - seenMillis / 1000) <= 10, root.get("timestamp").toString());
        assertEquals("SU", root.get("config").get("unit").asText());
        assertEquals("account", root.get("config").get("project_type").asText());
    }

    @Test
    void valuesRoundDownToWholeSu() throws Exception {
        f.ok("-i", "adjust", "proj", "amount=-50.25", "note=a correction past zero", "force=yes");
        // proj: 50 - 0.5 - 50.25 = -0.75 SU: shown as -1 (rounded down), never as 0.
        assertEquals(List.of("alice|dept|99", "alice|proj|-1", "bob|proj|-1"), waitFor("alice|proj|-1", 10_000));
    }

    /** The entries the dashboard keeps, as user|project|value, once the file holds `expected`. */
    private List<String> waitFor(String expected, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<String> seen = List.of();
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file)) {
                seen = asTheDashboardReadsIt(Files.readString(file));
                if (seen.contains(expected)) {
                    return seen;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the file did not show " + expected + " within " + timeoutMillis + " ms: " + seen);
    }

    private static List<String> asTheDashboardReadsIt(String raw) throws Exception {
        assertFalse(raw.isEmpty(), "an empty file is an error to the dashboard");
        JsonNode json = JSON.readTree(raw);
        assertTrue(json.isObject() && json.path("balances").isArray(), "not an object with a balances array");
        assertTrue(json.path("timestamp").isIntegralNumber(), "timestamp must be epoch seconds");
        List<String> entries = new ArrayList<>();
        for (JsonNode balance : json.get("balances")) {
            assertTrue(balance.hasNonNull("user") && balance.hasNonNull("value"), "entry without user or value: "
                    + balance + " (the dashboard would show no balance at all)");
            assertTrue(balance.get("value").isIntegralNumber(), "value must be an integer: " + balance);
            entries.add(balance.get("user").asText() + "|" + balance.path("project").asText() + "|"
                    + balance.get("value").asLong());
        }
        return entries;
    }
}
