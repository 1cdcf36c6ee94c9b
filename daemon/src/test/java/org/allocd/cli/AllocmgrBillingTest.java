package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.allocd.cli.CliFixture.Result;
import org.allocd.ledger.TestClock;
import org.allocd.server.NobodyClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Billing through the real allocmgr against a real allocd whose clock the test sets: storage import,
 * billing rules booked at month close, the monthly bill of a subtree, fallback accounts. The tests run
 * in order, as the months pass. Tree: dept > proj (alice), dept > lab (bob); tiny (carol) falls back to spare.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllocmgrBillingTest {
    private static final long SU = 1_000_000;

    Path dir;
    TestClock clock;
    CliFixture f;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        clock = new TestClock(Instant.parse("2026-10-05T08:00:00Z").toEpochMilli());
        f = new CliFixture(dir, clock, "storage_rate = 0.5");
        f.ok("add", "account", "dept");
        f.ok("add", "account", "proj", "parent=dept");
        f.ok("add", "account", "lab", "parent=dept");
        f.ok("add", "user", "alice");
        f.ok("add", "user", "bob");
        f.ok("add", "membership", "user=alice", "account=proj");
        f.ok("add", "membership", "user=bob", "account=lab");
        f.ok("-i", "deposit", "dept", "amount=1000");
        f.ok("-i", "deposit", "proj", "amount=100");
        f.ok("-i", "deposit", "lab", "amount=50");
        f.ok("-i", "transfer", "from=dept", "to=lab", "amount=20", "note=share");
        f.job(1, "alice", "proj", 8, 3600);  // 1 SU
        f.job(2, "bob", "lab", 80, 3600);    // 2 units x 1 h = 2 SU
        f.ok("-i", "refund", "job=2", "amount=0.5", "note=node fault");
    }

    @AfterAll
    void stop() {
        f.verifyClean();
        f.close();
    }

    @Test
    @Order(1)
    void storageIsChargedOncePerFilesetAndMonth() throws Exception {
        Path csv = file("storage.csv", "fileset,kind,account,max_reserved_gb\n"
                + "/home/alice,user,proj,10\n"
                + "# lab's shared space\n"
                + "/groups/lab,group,lab,3.5\n");
        assertEquals("charged storage of 2 filesets for 2026-10: 6.750000 SU\n",
                f.ok("-i", "import", "storage", csv.toString(), "month=2026-10").out());
        long entries = f.journalEntries();
        assertEquals("charged storage of 0 filesets for 2026-10: 0.000000 SU; 2 already billed\n",
                f.ok("-i", "import", "storage", "file=" + csv, "month=2026-10").out());
        assertEquals(entries, f.journalEntries(), "a second import of the same file books nothing");
    }

    @Test
    @Order(2)
    void aBadStorageFileIsRefusedWholeWithItsLineNumbers() throws Exception {
        Path bad = file("bad.csv", "fileset,kind,account,max_reserved_gb\n"
                + "/home/bob,user,lab,1\n"
                + "/home/x,usr,lab,1\n"
                + "/home/y,user,nosuch,1\n"
                + "/home/bob,user,lab,2\n");
        refused(1, "storage import refused, nothing charged: 3 bad lines: line 3: kind 'usr' is not a fileset kind",
                "-i", "import", "storage", bad.toString(), "month=2026-10");
        refused(1, "line 4: account 'nosuch' does not exist", "-i", "import", "storage", bad.toString(),
                "month=2026-10");
        refused(1, "line 5: fileset /home/bob is also on line 2", "-i", "import", "storage", bad.toString(),
                "month=2026-10");
        Path syntax = file("syntax.csv", "fileset,kind,account,max_reserved_gb\n/home/z,user,lab,12,5\n"
                + "/home/w,user,lab,-3\n");
        refused(2, "line 2: 5 fields, want 4", "-i", "import", "storage", syntax.toString(), "month=2026-10");
        refused(2, "line 3: max_reserved_gb '-3' is not a number of GB", "-i", "import", "storage",
                syntax.toString(), "month=2026-10");
        refused(2, "line 1: the first line must be the header fileset,kind,account,max_reserved_gb", "-i", "import",
                "storage", file("noheader.csv", "/home/a,user,lab,1\n").toString(), "month=2026-10");
        Path changed = file("changed.csv", "fileset,kind,account,max_reserved_gb\n/home/alice,user,proj,11\n");
        refused(1, "line 2: fileset /home/alice was already billed for 2026-10 (user fileset, max 10 GB x 0.500000"
                + " SU/GB-month)", "-i", "import", "storage", changed.toString(), "month=2026-10");
        Path huge = file("huge.csv", "fileset,kind,account,max_reserved_gb\n/home/big,user,lab,999999999999\n");
        refused(1, "line 2: 999999999999 GB x 0.500000 SU/GB-month is more than the 1000000000.000000 SU one charge"
                + " may be", "-i", "import", "storage", huge.toString(), "month=2026-10");
        refused(1, "month 2026-12 has not begun", "-i", "import", "storage", changed.toString(), "month=2026-12");
        refused(2, "month=2026-13 is not a month", "-i", "import", "storage", changed.toString(), "month=2026-13");
        refused(2, "cannot read " + dir.resolve("missing.csv"), "-i", "import", "storage",
                dir.resolve("missing.csv").toString(), "month=2026-10");
        refused(2, "reading the file from standard input leaves no way to confirm; add -i", "import", "storage",
                "-", "month=2026-10");
    }

    @Test
    @Order(3)
    void aCommandsOutputIsImportedFromStandardInput() {
        // e.g. site-quota-report --csv | allocmgr -i import storage - month=2026-10
        f.ok("add", "account", "outside");
        Result r = f.run(false, "fileset,kind,account,max_reserved_gb\n/home/bob,user,outside,0.000003\n", "-i",
                "import", "storage", "-", "month=2026-10");
        assertEquals(0, r.exit(), r.err());
        // 3 micro-GB x 0.5 SU = 1.5 micro-SU, rounded once half away from zero: 2 micro-SU.
        assertEquals("charged storage of 1 filesets for 2026-10: 0.000002 SU\n", r.out());
    }

    @Test
    @Order(4)
    void billingRulesAreCheckedAndListed() {
        f.ok("add", "billing", "support", "account=proj", "fixed=5");
        f.ok("add", "billing", "surcharge", "account=dept", "percent=10");
        f.ok("add", "billing", "startup", "account=lab", "credit=1");
        f.ok("add", "billing", "volume", "account=dept", "tier=1@0.8");
        f.ok("add", "billing", "gone", "account=dept", "fixed=-1");
        f.ok("-i", "delete", "billing", "gone", "account=dept");
        assertEquals("dept|surcharge|percent|10 %\ndept|volume|tier|charges above 1.000000 SU at 0.8\n"
                        + "lab|startup|credit|free credit up to 1.000000 SU\nproj|support|fixed|charge 5.000000 SU\n",
                f.ok("-Pn", "show", "billing").out());
        refused(2, "add billing takes exactly one of fixed=, percent=, credit=, tier=; got fixed, percent",
                "add", "billing", "x", "account=dept", "fixed=1", "percent=2");
        refused(2, "percent=ten is not a percentage", "add", "billing", "x", "account=dept", "percent=ten");
        refused(2, "tier=1000 is not BAND@FACTOR", "add", "billing", "x", "account=dept", "tier=1000");
        refused(1, "a tier needs a band of 0 SU or more and a price factor from 0 to 10 other than 1",
                "add", "billing", "x", "account=dept", "tier=10@1");
        refused(1, "a percent line needs a non-zero percentage from -100 to 1000", "add", "billing", "x",
                "account=dept", "percent=-150");
        refused(1, "billing rule name 'a b' is not valid", "add", "billing", "a b", "account=dept", "fixed=1");
        refused(1, "account 'nosuch' does not exist", "add", "billing", "x", "account=nosuch", "fixed=1");
        refused(1, "account 'dept' has no billing rule 'nope'", "-i", "delete", "billing", "nope", "account=dept");
    }

    @Test
    @Order(5)
    void aFixedLineMayBeBookedBeforeTheMonthEndsTheOthersOnlyAfter() {
        clock.setMillis(Instant.parse("2026-10-20T12:00:00Z").toEpochMilli());
        refused(1, "month 2026-10 has not ended, and surcharge, volume, startup depend on its charges", "-i",
                "close-month", "month=2026-10");
        assertEquals("booked 1 billing lines for 2026-10 (net -5.000000 SU); 0 already booked or on closed accounts\n",
                f.ok("-i", "close-month", "month=2026-10", "rule=support").out());
        refused(1, "no billing rule 'nope'", "-i", "close-month", "month=2026-10", "rule=nope");
        refused(1, "month 2026-11 has not begun", "-i", "close-month", "month=2026-11");
    }

    @Test
    @Order(6)
    void closeMonthBooksEachRuleOnceAndTheBillIsExact() {
        clock.setMillis(Instant.parse("2026-11-02T09:00:00Z").toEpochMilli());
        f.job(3, "alice", "proj", 8, 3600);  // November: on November's bill, not October's
        // Subtree charges in October: 1 + 2 - 0.5 refunded = 2.5 SU.
        // surcharge 10 % = -0.25; volume: 1.5 SU above the band at 0.8 gives back 0.3; startup: lab's 1.5 SU
        // charged, credit up to 1 SU.
        assertEquals("booked 3 billing lines for 2026-10 (net 1.050000 SU); 1 already booked or on closed accounts\n",
                f.ok("-i", "close-month", "month=2026-10").out());
        long entries = f.journalEntries();
        f.ok("-i", "close-month", "month=2026-10");
        assertEquals(entries, f.journalEntries(), "closing a month again books nothing");

        ObjectNode bill = f.ok("--json", "bill", "dept", "month=2026-10").json();
        JsonNode total = bill.get("total");
        assertEquals(0, total.get("opening_micro_su").asLong());
        assertEquals(1150 * SU, total.get("deposited_micro_su").asLong());
        assertEquals(-3 * SU, total.get("charged_micro_su").asLong());
        assertEquals(SU / 2, total.get("refunded_micro_su").asLong());
        assertEquals(20 * SU, total.get("transferred_in_micro_su").asLong());
        assertEquals(-20 * SU, total.get("transferred_out_micro_su").asLong());
        assertEquals(-10_700_000, total.get("billed_micro_su").asLong());
        assertEquals(1_136_800_000L, total.get("balance_micro_su").asLong());
        Map<String, Long> closing = new HashMap<>();
        for (JsonNode a : bill.get("accounts")) {
            closing.put(a.get("account").asText(), a.get("balance_micro_su").asLong());
            long sum = 0;
            for (String item : new String[] {"opening", "deposited", "withdrawn", "transferred_in", "transferred_out",
                    "charged", "refunded", "adjusted", "expired", "billed"}) {
                sum += a.get(item + "_micro_su").asLong();
            }
            assertEquals(a.get("balance_micro_su").asLong(), sum, "opening + every line = closing");
        }
        assertEquals(Map.of("dept", 980_050_000L, "proj", 89 * SU, "lab", 67_750_000L), closing);
        assertEquals("[dept percent surcharge -250000, dept tier volume 300000, lab credit startup 1000000,"
                + " lab storage /groups/lab -1750000, proj fixed support -5000000, proj storage /home/alice -5000000]",
                lines(bill));
        assertEquals("alice 1000000 bob 1500000", users(bill));

        ObjectNode november = f.ok("--json", "bill", "dept", "month=2026-11").json();
        assertEquals(total.get("balance_micro_su").asLong(), november.get("total").get("opening_micro_su").asLong(),
                "October's lines booked in November stay on October's bill");
        assertEquals(-SU, november.get("total").get("charged_micro_su").asLong());
        assertEquals(0, november.get("total").get("billed_micro_su").asLong());
    }

    @Test
    @Order(7)
    void theBillExportsAsTableAndCsv() {
        String csv = f.ok("--csv", "bill", "account=dept", "month=2026-10").out();
        assertTrue(csv.startsWith("Scope,Account,Item,Name,Amount\n"), csv);
        assertTrue(csv.contains("\nsubtree,dept,opening balance,,0.000000\n"), csv);
        assertTrue(csv.contains("\nsubtree,dept,billed,storage,-6.750000\n"), csv);
        assertTrue(csv.contains("\nsubtree,dept,closing balance,,1136.800000\n"), csv);
        assertTrue(csv.contains("\nown,proj,billed,storage /home/alice,-5.000000\n"), csv);
        assertTrue(csv.contains("\nown,lab,billed,credit startup,1.000000\n"), csv);
        assertTrue(csv.contains("\nown,lab,charged,bob,-2.000000\nown,lab,refunded,bob,0.500000\n"), csv);
        assertEquals("own|lab|closing balance||67.750000\n", f.ok("-Pn", "bill", "dept", "month=2026-10").out()
                .lines().filter(l -> l.startsWith("own|lab|closing")).map(l -> l + "\n").findFirst().orElse(""));
        String proj = f.ok("-Pn", "bill", "proj", "month=2026-10", "format=Account,Item,Name,Amount,Detail").out();
        assertTrue(proj.contains("proj|billed|fixed support|-5.000000|charge 5.000000 SU\n"), proj);
        assertTrue(proj.contains("proj|billed|storage /home/alice|-5.000000|user fileset, max 10 GB x 0.500000"
                + " SU/GB-month\n"), proj);
        refused(2, "allocmgr bill needs month=...", "bill", "dept");
        refused(1, "account 'nosuch' does not exist", "bill", "nosuch", "month=2026-10");
    }

    @Test
    @Order(8)
    void aJobItsAccountCannotCoverIsChargedToTheFallback() {
        f.ok("add", "account", "spare");
        f.ok("add", "account", "tiny", "fallback=spare", "fallback_qos=low");
        f.ok("add", "user", "carol");
        f.ok("add", "membership", "user=carol", "account=tiny");
        f.ok("-i", "deposit", "spare", "amount=100");
        f.ok("-i", "deposit", "tiny", "amount=1.5");
        assertEquals("tiny|spare|low\n", f.ok("-Pn", "show", "account", "tiny", "format=Account,Fallback,FallbackQos")
                .out());

        // Fits: tiny pays its own job.
        ObjectNode fits = hook(CliFixture.hookRequest("QUOTE", 10, "carol", "tiny", 8));
        assertEquals("accept", fits.get("verdict").asText());
        assertEquals("tiny", fits.get("account").asText());
        assertFalse(fits.has("fallback_from"));
        // 2 units x 1 h = 2 SU: more than tiny holds; the submit plugin moves the job to spare with QOS low.
        ObjectNode moved = hook(CliFixture.hookRequest("QUOTE", 11, "carol", "tiny", 80));
        assertEquals("accept", moved.get("verdict").asText(), moved.toString());
        assertEquals("spare", moved.get("account").asText());
        assertEquals("tiny", moved.get("fallback_from").asText());
        assertEquals("low", moved.get("qos").asText());
        // Slurm then reports the job on spare, where carol is no member; the bank knows where it came from.
        assertTrue(hook(CliFixture.hookRequest("LIEN", 11, "carol", "spare", 80)).get("ok").asBoolean());
        assertTrue(hook(CliFixture.hookRequest("CHARGE", 11, "carol", "spare", 80).put("elapsed_s", 1800))
                .get("ok").asBoolean());
        // A job accepted on tiny whose lien no longer fits at start goes to the fallback too.
        f.job(12, "carol", "tiny", 80, 3600);
        // One that fits stays on tiny.
        f.job(13, "carol", "tiny", 8, 3600);
        // Same clock instant for all: newest first ties broken by job key.
        assertEquals("testcluster/11/0|spare|tiny|1.000000\ntestcluster/12/0|spare|tiny|2.000000\n"
                        + "testcluster/13/0|tiny||1.000000\n",
                f.ok("-Pn", "show", "jobs", "user=carol", "format=Job,Account,Requested,Charged").out());
        assertEquals("97.000000\n", f.ok("-Pn", "balance", "spare", "format=Balance").out());
        assertEquals("0.500000\n", f.ok("-Pn", "balance", "tiny", "format=Balance").out());

        // Naming the fallback directly at submit is refused: carol is no member of spare.
        ObjectNode direct = hook(CliFixture.hookRequest("QUOTE", 14, "carol", "spare", 8));
        assertEquals("reject", direct.get("verdict").asText());
        assertTrue(direct.get("message").asText().contains("is not a member of account 'spare'"), direct.toString());

        f.ok("modify", "account", "tiny", "fallback=none");
        ObjectNode held = hook(CliFixture.hookRequest("QUOTE", 15, "carol", "tiny", 80));
        assertEquals("reject", held.get("verdict").asText(), "without a fallback the job cannot run: " + held);
    }

    @Test
    @Order(9)
    void badFallbacksAreRefusedAndChangeNothing() {
        refused(1, "account 'lab' cannot be its own fallback", "modify", "account", "lab", "fallback=lab");
        refused(1, "account 'nosuch' does not exist", "modify", "account", "lab", "fallback=nosuch");
        f.ok("modify", "account", "lab", "fallback=spare");
        refused(1, "account 'lab' has a fallback of its own; a fallback must not fall back further",
                "modify", "account", "proj", "fallback=lab");
        refused(1, "account 'spare' is the fallback of lab; a fallback must not fall back further",
                "modify", "account", "spare", "fallback=dept");
        refused(1, "fallback_qos 'no qos' is not a Slurm QOS name", "modify", "account", "proj", "fallback=spare",
                "fallback_qos=no qos");
        refused(2, "fallback_qos= needs fallback=ACCOUNT too", "add", "account", "newone", "fallback_qos=low");
        refused(2, "fallback=none removes the fallback; give no fallback_qos= with it", "modify", "account", "lab",
                "fallback=none", "fallback_qos=low");
        assertEquals("", f.ok("-Pn", "show", "account", "format=Account").out().lines()
                .filter("newone"::equals).findFirst().orElse(""), "add account refused before anything was written");
    }

    @Test
    @Order(10)
    void billsAndBillingNeedTheirRoles() throws Exception {
        Assumptions.assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(dir, "unix:uid")),
                "needs root to ask as another user with setpriv");
        long before = f.journalEntries();
        String bill = NobodyClient.ask(dir, f.adminSocket, "{\"op\":\"bill\",\"account\":\"dept\",\"month\":\"2026-10\"}");
        assertTrue(bill.contains("the bill of dept needs the admin role or coordinator of dept; nobody is neither"), bill);
        String close = NobodyClient.ask(dir, f.adminSocket, "{\"op\":\"close_month\",\"month\":\"2026-10\"}");
        assertTrue(close.contains("closing a month needs the admin role; nobody is not an admin"), close);
        String rule = NobodyClient.ask(dir, f.adminSocket, "{\"op\":\"set_billing_rule\",\"account\":\"dept\","
                + "\"name\":\"x\",\"kind\":\"fixed\",\"amount_micro_su\":-1000000}");
        assertTrue(rule.contains("changing billing rules needs the admin role"), rule);
        assertEquals(before, f.journalEntries());
    }

    private ObjectNode hook(ObjectNode request) {
        return new AdminClient(f.hookSocket, 10_000).ask(request);
    }

    private static String lines(JsonNode bill) {
        StringBuilder s = new StringBuilder("[");
        for (JsonNode l : bill.get("lines")) {
            s.append(s.length() > 1 ? ", " : "").append(l.get("account").asText()).append(' ')
                    .append(l.get("meter").asText()).append(' ').append(l.get("name").asText()).append(' ')
                    .append(l.get("amount_micro_su").asLong());
        }
        return s.append(']').toString();
    }

    private static String users(JsonNode bill) {
        StringBuilder s = new StringBuilder();
        for (JsonNode u : bill.get("users")) {
            s.append(s.length() > 0 ? " " : "").append(u.get("user").asText()).append(' ')
                    .append(u.get("net_micro_su").asLong());
        }
        return s.toString();
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private void refused(int exit, String message, String... args) {
        long before = f.journalEntries();
        Result r = f.run(args);
        assertEquals(exit, r.exit(), () -> String.join(" ", args) + "\nout: " + r.out() + "\nerr: " + r.err());
        assertTrue(r.err().contains(message), () -> "expected '" + message + "' in: " + r.err());
        assertEquals(before, f.journalEntries(), "nothing changed");
    }
}
