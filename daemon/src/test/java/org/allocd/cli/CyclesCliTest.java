package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.allocd.cli.CliFixture.Result;
import org.allocd.ledger.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recurring grants through allocmgr against a real allocd whose clock the
 * test moves; housekeeping is run on demand instead of waited for.
 */
class CyclesCliTest {
    private static final long SU = 1_000_000;

    @TempDir
    Path dir;
    TestClock clock;
    CliFixture f;

    private static long epochMillis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private void start(String now) throws Exception {
        clock = new TestClock(epochMillis(now));
        f = new CliFixture(dir, clock);
    }

    /** Moves the clock and runs housekeeping as the daemon does every minute. */
    private void at(String now) {
        clock.setMillis(epochMillis(now));
        f.daemon().housekeepNow();
    }

    @AfterEach
    void stop() {
        f.verifyClean();
        f.close();
    }

    /** The account's non-pot allocations: [amount, remaining, start, end, expired] in SU and ms. */
    private List<List<Object>> allocations(String account) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode r : f.ok("--json", "show", "allocation", account).json().get("rows")) {
            if (r.get("kind").asText().equals("allocation")) {
                rows.add(List.of(r.get("amount_micro_su").asLong() / SU, r.get("remaining_micro_su").asLong() / SU,
                        Instant.ofEpochMilli(r.get("starts_at_ms").asLong()).toString(),
                        Instant.ofEpochMilli(r.get("ends_at_ms").asLong()).toString(), r.get("expired").asBoolean()));
            }
        }
        rows.sort((a, b) -> ((String) a.get(2)).compareTo((String) b.get(2)));
        return rows;
    }

    private List<String> journal(String account, String kind) {
        List<String> lines = new ArrayList<>();
        for (JsonNode r : f.ok("--json", "transactions", account, "kind=" + kind).json().get("rows")) {
            lines.add(r.get("amount_micro_su").asLong() / SU + " " + r.get("note").asText());
        }
        return lines;
    }

    @Test
    void eachPeriodIsAllocatedOnceAcrossRepeatedRunsAndRestarts() throws Exception {
        start("2026-11-20T00:00:00Z");
        f.ok("add", "account", "proj");
        f.ok("add", "user", "alice", "defaultaccount=proj");
        Result added = f.ok("-i", "add", "grant", "account=proj", "amount=1000", "period=monthly", "start=2026-12-01",
                "carryover=none", "note=2027 call");
        assertTrue(added.out().startsWith("added grant 1 to proj"), added.out());
        f.daemon().housekeepNow();
        assertEquals(List.of(), allocations("proj"), "no period has begun");
        assertEquals("1|proj|1000.000000|monthly|2026-12-01T00:00:00||none\n",
                f.ok("-Pn", "show", "grant").out());

        at("2026-12-01T00:00:00Z");
        // Later runs (each its own operation, not a replay of the first) and a restart make nothing more.
        at("2026-12-01T00:01:00Z");
        f.restart();
        at("2026-12-01T00:02:00Z");
        List<Object> december = List.of(1000L, 1000L, "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", false);
        assertEquals(List.of(december), allocations("proj"));

        f.job(1, "alice", "proj", 8, 3600); // 1 SU
        at("2027-01-01T00:00:00Z");
        at("2027-01-01T00:01:00Z");
        assertEquals(List.of(List.of(1000L, 0L, "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", true),
                List.of(1000L, 1000L, "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z", false)), allocations("proj"));
        assertEquals(List.of("-999 allocation 1 ended"), journal("proj", "expire").stream()
                .map(l -> l.replaceAll("allocation \\d+", "allocation 1")).toList());
        assertEquals(List.of("1000 grant 1, period from 2026-12-01: 2027 call",
                "1000 grant 1, period from 2027-01-01: 2027 call"), journal("proj", "deposit"));
    }

    @Test
    void missedPeriodsAreCaughtUpInOrderWithEachCarryOverPolicy() throws Exception {
        start("2026-11-20T00:00:00Z");
        for (String[] policy : new String[][] {{"none", "none"}, {"all", "all"}, {"su", "30"}, {"pct", "20%"}}) {
            f.ok("add", "account", policy[0]);
            f.ok("-i", "add", "grant", policy[0], "amount=100", "period=monthly", "start=2026-12-01",
                    "carryover=" + policy[1]);
        }
        // The daemon was down from November to mid-March: four periods are due.
        at("2027-03-15T00:00:00Z");
        assertEquals(List.of(100L, 100L, 100L, 100L), amounts("none"));
        assertEquals(List.of(100L, 200L, 300L, 400L), amounts("all"));
        assertEquals(List.of(100L, 130L, 130L, 130L), amounts("su"));
        assertEquals(List.of(100L, 120L, 120L, 120L), amounts("pct"));
        assertEquals(balances(), List.of("all 400", "none 100", "pct 120", "su 130"));
        // Each carry is a pair of lines between the two periods' allocations; the rest expired.
        assertEquals(List.of("-30", "30", "-30", "30", "-30", "30"),
                journal("su", "transfer").stream().map(l -> l.split(" ")[0]).toList());
        assertEquals(List.of("-70", "-100", "-100"), journal("su", "expire").stream().map(l -> l.split(" ")[0]).toList());
        assertTrue(journal("su", "transfer").get(0).contains("carry-over 30.000000"), journal("su", "transfer").get(0));
    }

    private List<Long> amounts(String account) {
        return allocations(account).stream().map(a -> (Long) a.get(0)).toList();
    }

    private List<String> balances() {
        List<String> rows = new ArrayList<>();
        for (JsonNode r : f.ok("--json", "balance").json().get("rows")) {
            rows.add(r.get("account").asText() + " " + r.get("subtree").get("balance_micro_su").asLong() / SU);
        }
        return rows;
    }

    @Test
    void aGrantEndsWhereItSaysAndADeletedGrantMakesNoMorePeriods() throws Exception {
        start("2026-12-01T00:00:00Z");
        f.ok("add", "account", "proj");
        f.ok("-i", "add", "grant", "proj", "amount=10", "period=quarterly", "start=2026-12-01", "end=2027-04-30",
                "carryover=all");
        f.ok("-i", "add", "grant", "proj", "amount=1", "period=yearly", "start=2026-12-01");
        assertEquals(List.of(10L, 1L), amounts("proj"), "periods that have begun are allocated at once");
        f.ok("-i", "delete", "grant", "2", "note=project moved");
        at("2028-01-01T00:00:00Z");
        assertEquals(List.of(List.of(10L, 0L, "2026-12-01T00:00:00Z", "2027-03-01T00:00:00Z", true),
                List.of(1L, 0L, "2026-12-01T00:00:00Z", "2027-12-01T00:00:00Z", true),
                // the second quarter is cut at the grant's end (April 30th inclusive) and nothing follows it
                List.of(20L, 0L, "2027-03-01T00:00:00Z", "2027-05-01T00:00:00Z", true)), allocations("proj"));
        assertEquals("1|proj|10.000000|quarterly|2026-12-01T00:00:00|2027-05-01T00:00:00|all\n",
                f.ok("-Pn", "show", "grant").out());
        assertTrue(journal("proj", "admin").stream().anyMatch(l -> l.contains("deleted grant 2")), "journal");
    }

    @Test
    void badGrantsAreRefusedWithAMessageAndChangeNothing() throws Exception {
        start("2026-12-01T00:00:00Z");
        f.ok("add", "account", "proj");
        long entries = f.journalEntries();
        record Bad(String[] args, String says) {}
        for (Bad bad : new Bad[] {
                new Bad(new String[] {"period=weekly", "start=2026-12-01"}, "unknown period 'weekly'"),
                new Bad(new String[] {"period=monthly", "start=2026-12-01", "carryover=most"}, "carryover=most"),
                new Bad(new String[] {"period=monthly", "start=2026-12-01", "carryover=150%"}, "0 to 100"),
                new Bad(new String[] {"period=monthly", "start=2027-12-01", "end=2027-01-01"}, "is not after"),
                new Bad(new String[] {"period=monthly"}, "needs start="),
                new Bad(new String[] {"start=2026-12-01"}, "needs period=")}) {
            List<String> args = new ArrayList<>(List.of("-i", "add", "grant", "proj", "amount=5"));
            args.addAll(List.of(bad.args()));
            Result r = f.run(args.toArray(String[]::new));
            assertTrue(r.exit() != 0 && r.err().contains(bad.says()), args + " -> " + r.exit() + " " + r.err());
        }
        Result r = f.run("-i", "delete", "grant", "7");
        assertTrue(r.exit() == 1 && r.err().contains("there is no grant 7"), r.err());
        assertEquals(entries, f.journalEntries());
        assertEquals(List.of(), amounts("proj"));
    }
}
