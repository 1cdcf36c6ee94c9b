package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.allocd.ledger.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts through a real alert command (a shell script writing to a file) run
 * by a real allocd whose clock the test moves: sent once per crossing, across
 * restarts; a failing or hanging command is retried; a deposit re-arms.
 */
class AlertsCliTest {
    private static final long SU = 1_000_000;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = """
            #!/bin/sh
            dir=$(dirname "$0")
            if [ -e "$dir/hang" ]; then sleep 30; fi
            if [ -e "$dir/fail" ]; then echo "test alert command fails on purpose" >&2; exit 3; fi
            { printf '%s %s %s %s|' "$1" "$2" "$ALLOCD_ALERT" "$ALLOCD_COORDINATORS"; cat; echo; } >> "$dir/alerts.log"
            """;

    @TempDir
    Path dir;
    Path alerts;
    TestClock clock;
    CliFixture f;
    int seen;

    @BeforeEach
    void start() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve("allocd-alert");
        Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        alerts = bin.resolve("alerts.log");
        clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        f = new CliFixture(Files.createDirectories(dir.resolve("daemon")), clock, "alert_command = " + script, "alert_timeout_seconds = 1",
                "alert_expiry_days = 7", "alert_runout_days = 3");
        f.ok("add", "account", "proj", "alert_thresholds=50,90");
        f.ok("add", "user", "alice", "defaultaccount=proj");
        f.ok("add", "user", "carol");
        f.ok("add", "coordinator", "user=carol", "account=proj");
    }

    @AfterEach
    void stop() {
        f.verifyClean();
        f.close();
    }

    /** Alert lines the command wrote since the last call: "KEY ACCOUNT KIND COORDINATORS", sorted. */
    private List<String> newAlerts() throws Exception {
        f.daemon().housekeepNow();
        List<String> lines = Files.exists(alerts) ? Files.readAllLines(alerts) : List.of();
        List<String> fresh = new ArrayList<>();
        for (String line : lines.subList(seen, lines.size())) {
            fresh.add(line.substring(0, line.indexOf('|')));
        }
        seen = lines.size();
        fresh.sort(null);
        return fresh;
    }

    private JsonNode lastPayload() throws Exception {
        List<String> lines = Files.readAllLines(alerts);
        String last = lines.get(lines.size() - 1);
        return JSON.readTree(last.substring(last.indexOf('|') + 1));
    }

    private void touch(String name) throws Exception {
        Files.writeString(alerts.resolveSibling(name), "");
    }

    private void remove(String name) throws Exception {
        Files.delete(alerts.resolveSibling(name));
    }

    @Test
    void eachThresholdAlertsOncePerCrossingAndADepositReArmsIt() throws Exception {
        f.ok("modify", "account", "proj", "alert_thresholds=50,90,100");
        assertEquals("proj|50,90,100\n", f.ok("-Pn", "show", "alerts").out());
        f.ok("-i", "deposit", "proj", "amount=10", "end=2027-06-30");
        assertEquals(List.of(), newAlerts());

        f.job(1, "alice", "proj", 432, 3600); // 6 units x 1 h = 6 SU: 60% used
        assertEquals(List.of("used:50 proj used carol"), newAlerts());
        JsonNode payload = lastPayload();
        assertEquals(60, payload.get("used_percent").asInt());
        assertEquals(50, payload.get("threshold_percent").asInt());
        assertEquals("carol", payload.get("coordinators").get(0).asText());
        assertEquals(4 * SU, payload.get("available_micro_su").asLong());
        assertEquals(List.of(), newAlerts(), "sent once");
        f.restart();
        assertEquals(List.of(), newAlerts(), "still sent once after a restart");

        touch("fail");
        f.job(2, "alice", "proj", 216, 3600); // 3 SU: 90% used, 1 SU left at 9 SU per 14 days
        assertEquals(List.of(), newAlerts(), "a failing command delivers nothing");
        remove("fail");
        assertEquals(List.of("runout proj runout carol", "used:90 proj used carol"), newAlerts(), "retried");

        touch("hang");
        f.job(3, "alice", "proj", 72, 3600); // 1 SU: 100% used
        assertEquals(List.of(), newAlerts(), "a hanging command is killed");
        remove("hang");
        assertEquals(List.of("used:100 proj used carol"), newAlerts());

        f.ok("-i", "deposit", "proj", "amount=90", "end=2027-06-30"); // 10% used
        assertEquals(List.of(), newAlerts());
        f.job(4, "alice", "proj", 3240, 3600); // 45 SU: 55% used
        assertEquals(List.of("used:50 proj used carol"), newAlerts(), "re-armed by the deposit");

        List<String> admin = new ArrayList<>();
        f.ok("--json", "transactions", "proj", "kind=admin").json().get("rows").forEach(r -> admin.add(
                r.get("note").asText().replaceAll("(sent|re-armed): .*", "$1")));
        assertEquals(List.of("alert used:50 sent", "alert used:90 sent", "alert runout sent", "alert used:100 sent",
                "alert used:50 re-armed", "alert used:90 re-armed", "alert used:100 re-armed", "alert runout re-armed",
                "alert used:50 sent"), admin.stream().filter(n -> n.startsWith("alert used") || n.startsWith("alert runout")).toList());
    }

    @Test
    void balanceShowsTheRunoutDateAndAnAllocationNearItsEndAlertsOnce() throws Exception {
        long now = clock.millis();
        f.ok("-i", "deposit", "proj", "amount=100", "end=2027-06-30");
        f.ok("-i", "deposit", "proj", "amount=5", "end=2026-12-05");
        List<String> expiry = newAlerts();
        assertEquals(1, expiry.size(), expiry.toString());
        assertTrue(expiry.get(0).matches("expiry:\\d+ proj expiry carol"), expiry.get(0));
        assertEquals(5 * SU, lastPayload().get("allocation_remaining_micro_su").asLong());
        assertEquals(List.of(), newAlerts(), "sent once");

        f.job(1, "alice", "proj", 1008, 3600); // 14 SU in the 14-day window: 1 SU a day, 91 SU left
        JsonNode row = f.ok("--json", "balance", "proj").json().get("rows").get(0);
        assertEquals(now + 91 * DAY_MILLIS, row.get("forecast").get("runout_at_ms").asLong());
        List<String> table = f.ok("balance", "proj").out().lines().toList();
        assertTrue(table.get(0).endsWith("Forecast"), table.get(0));
        assertTrue(table.get(2).endsWith("at the rate of the last 14 days (1.000000 SU a day) funds run out on"
                + " 2027-03-02"), table.get(2));

        clock.advanceMillis(20 * DAY_MILLIS); // no charges in the last 14 days: no forecast
        JsonNode quiet = f.ok("--json", "balance", "proj").json().get("rows").get(0).get("forecast");
        assertTrue(quiet.get("runout_at_ms").isNull());
        assertEquals("not enough use in the last 14 days to forecast", quiet.get("text").asText());
        assertEquals(List.of(), newAlerts());
    }

    @Test
    void badThresholdsAreRefusedWithAMessageAndChangeNothing() {
        long entries = f.journalEntries();
        CliFixture.Result word = f.run("modify", "account", "proj", "alert_thresholds=50,lots");
        assertTrue(word.exit() == 2 && word.err().contains("'lots' is not a whole percentage"), word.err());
        CliFixture.Result zero = f.run("modify", "account", "proj", "alert_thresholds=0,90");
        assertTrue(zero.exit() == 1 && zero.err().contains("give whole numbers from 1 to 100"), zero.err());
        CliFixture.Result nothing = f.run("notify");
        assertTrue(nothing.exit() == 2 && nothing.err().contains("say what to change: mail=yes|no"), nothing.err());
        CliFixture.Result maybe = f.run("notify", "user=alice", "mail=maybe");
        assertTrue(maybe.exit() == 1 && maybe.err().contains("mail=maybe is not yes or no"), maybe.err());
        CliFixture.Result over = f.run("notify", "user=alice", "thresholds=80,101");
        assertTrue(over.exit() == 1 && over.err().contains("give whole numbers from 1 to 100"), over.err());
        CliFixture.Result empty = f.run("notify", "user=alice", "thresholds=,");
        assertTrue(empty.exit() == 1 && empty.err().contains("give at least one threshold"), empty.err());
        CliFixture.Result ghost = f.run("notify", "user=ghost", "mail=no");
        assertTrue(ghost.exit() == 1 && ghost.err().contains("user 'ghost' is not known to the bank"), ghost.err());
        assertEquals("alice|yes|each account's\n", f.ok("-Pn", "show", "notify", "user=alice").out());
        assertEquals(entries, f.journalEntries());
        assertEquals("proj|50,90\n", f.ok("-Pn", "show", "alerts", "proj").out());
        f.ok("modify", "account", "proj", "alert_thresholds=");
        assertEquals("", f.ok("-Pn", "show", "alerts").out());
    }
}
