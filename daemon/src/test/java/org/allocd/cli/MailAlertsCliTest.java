package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.allocd.ledger.TestClock;
import org.allocd.mail.LocalMail;
import org.allocd.mail.LocalMail.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert mail through the machine's real MTA (exim4 behind /usr/sbin/sendmail), read back from the
 * users' mailboxes: once per crossing and user, across a restart; each user's own thresholds and
 * mail=no; the figures in the mail are the balance's; a hostile description cannot add a header; a
 * failing or hanging MTA is retried, given up at the bound, and never holds up the hooks.
 * mcarol coordinates proj; malice and mbob are members (mbob with his own threshold, 70%).
 */
class MailAlertsCliTest {
    private static final String CAROL = "mcarol";
    private static final String ALICE = "malice";
    private static final String BOB = "mbob";
    private static final String HOSTILE = "Chémie\r\nBcc: " + BOB + "\nSubject: pwned";
    private static final String WRAPPER = """
            #!/bin/sh
            dir=$(dirname "$0")
            if [ -e "$dir/hang" ]; then sleep 30; fi
            if [ -e "$dir/fail" ]; then echo "test MTA fails on purpose" >&2; exit 75; fi
            exec %s "$@"
            """;

    @TempDir
    Path dir;
    Path bin;
    LocalMail mail;
    CliFixture f;
    TestClock clock;

    @BeforeEach
    void start() throws Exception {
        mail = LocalMail.withUsers(CAROL, ALICE, BOB);
        bin = Files.createDirectories(dir.resolve("bin"));
        Path sendmail = bin.resolve("sendmail");
        Files.writeString(sendmail, WRAPPER.formatted(LocalMail.SENDMAIL), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(sendmail, PosixFilePermissions.fromString("rwxr-xr-x"));
        clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());
        f = new CliFixture(Files.createDirectories(dir.resolve("daemon")), clock, "mail_program = " + sendmail,
                "mail_timeout_seconds = 3", "alert_expiry_days = 0");
        f.ok("add", "account", "proj", "description=" + HOSTILE, "alert_thresholds=50,90");
        for (String user : List.of(CAROL, ALICE, BOB)) {
            f.ok("add", "user", user, "defaultaccount=proj");
        }
        f.ok("add", "coordinator", "user=" + CAROL, "account=proj");
        f.ok("notify", "user=" + BOB, "thresholds=70");
        f.ok("-i", "deposit", "proj", "amount=10", "end=2027-06-30");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (f != null) {
                f.verifyClean();
                f.close();
            }
        } finally {
            if (mail != null) {
                mail.close();
            }
        }
    }

    /** One alerts run, then every user's mailbox must hold these many messages. */
    private void sweepAndExpect(int carol, int alice, int bob) throws Exception {
        f.daemon().housekeepNow();
        assertEquals(carol, mail.waitFor(CAROL, carol).size(), CAROL);
        assertEquals(bob, mail.waitFor(BOB, bob).size(), BOB);
        assertEquals(alice, mail.waitFor(ALICE, alice).size(), ALICE);
    }

    private String balance(String column) {
        return f.ok("-Pn", "balance", "proj", "format=" + column).out().strip();
    }

    @Test
    void eachUserIsMailedOncePerCrossingWithTheBalancesFigures() throws Exception {
        sweepAndExpect(0, 0, 0);
        f.job(1, ALICE, "proj", 432, 3600); // 6 units x 1 h = 6 SU: 60% used
        sweepAndExpect(1, 0, 0);

        Message m = mail.read(CAROL).get(0);
        assertEquals("allocd: account proj has used 60% of its active allocations (alert at 50%)"
                + " (Chémie Bcc: " + BOB + " Subject: pwned)", m.subject());
        assertEquals(List.of(), m.header("Bcc"), "the description added no header");
        assertTrue(m.header("To").get(0).startsWith(CAROL), m.headers().toString());
        assertEquals(List.of("used:50 proj"), m.header("X-Allocd-Alert"));
        for (String column : List.of("Deposited", "Charged", "Balance", "Liened", "Available")) {
            String line = m.body().lines().filter(l -> l.strip().startsWith(column + " ")).findFirst().orElseThrow();
            assertEquals(balance(column), line.strip().substring(column.length()).strip(), column + " in\n" + m.body());
        }
        assertTrue(m.body().contains("Forecast: " + balance("Forecast")), m.body());
        assertTrue(m.body().contains("Project: Chémie Bcc: " + BOB + " Subject: pwned\n"), m.body());
        assertTrue(m.body().contains(": 60% (6.000000 of 10.000000 SU charged or liened)"), m.body());

        sweepAndExpect(1, 0, 0); // sent once
        f.restart();
        sweepAndExpect(1, 0, 0); // still once after a restart

        f.job(2, ALICE, "proj", 144, 3600); // 2 SU: 80%, bob's own 70% crossed
        sweepAndExpect(1, 0, 1);
        assertTrue(mail.read(BOB).get(0).subject().startsWith("allocd: account proj has used 80% of its active"
                + " allocations (alert at 70%)"), mail.read(BOB).get(0).subject());
        assertTrue(mail.read(BOB).get(0).body().contains("because you set your own alert thresholds"));

        f.ok("notify", "user=" + CAROL, "mail=no");
        assertEquals(CAROL + "|no|each account's", f.ok("-Pn", "show", "notify", "user=" + CAROL).out().strip());
        f.job(3, ALICE, "proj", 72, 3600); // 1 SU: 90%
        sweepAndExpect(1, 0, 1);

        f.ok("-i", "deposit", "proj", "amount=90", "end=2027-06-30"); // 9%: bob's 70% re-armed
        f.ok("notify", "user=" + CAROL, "mail=yes");
        sweepAndExpect(1, 0, 1);
        f.job(4, ALICE, "proj", 4536, 3600); // 63 SU: 72%
        sweepAndExpect(2, 0, 2);

        List<String> journal = new ArrayList<>();
        f.ok("--json", "transactions", "proj", "kind=admin").json().get("rows").forEach(r -> journal.add(
                r.get("note").asText().replaceAll(" (sent|re-armed): .*", " $1")));
        assertEquals(List.of("alert used:50 mail to mcarol re-armed", "alert used:50 mail to mcarol sent",
                "alert used:50 mail to mcarol sent", "alert used:70 mail to mbob re-armed",
                "alert used:70 mail to mbob sent", "alert used:70 mail to mbob sent"),
                journal.stream().filter(n -> n.startsWith("alert used")).sorted().toList());
    }

    /** The value the mail gives a figure on its line "  NAME   VALUE". */
    private static String figure(Message m, String name) {
        return m.body().lines().filter(l -> l.strip().startsWith(name + " ")).findFirst().orElseThrow()
                .strip().substring(name.length()).strip();
    }

    private List<String> alertNotes(String account, String prefix) {
        List<String> notes = new ArrayList<>();
        f.ok("--json", "transactions", account, "kind=admin").json().get("rows").forEach(r -> notes.add(
                r.get("note").asText().replaceAll(" (sent|re-armed): .*", " $1")));
        return notes.stream().filter(n -> n.startsWith(prefix)).sorted().toList();
    }

    @Test
    void aMemberNearTheirLimitAndTheCoordinatorAreMailedOncePerCrossing() throws Exception {
        f.ok("-i", "deposit", "proj", "amount=990", "end=2027-06-30"); // 1000 SU: the account's own alerts stay quiet
        f.ok("modify", "membership", "user=" + ALICE, "account=proj", "limit=4");
        sweepAndExpect(0, 0, 0);
        f.job(1, ALICE, "proj", 144, 3600); // 2 SU: 50% of alice's limit, at the account's thresholds (50,90)
        sweepAndExpect(1, 1, 0);

        Message m = mail.read(ALICE).get(0);
        assertEquals("allocd: " + ALICE + " has used 50% of their limit in proj (2.000000 of 4.000000 SU in total;"
                + " alert at 50%)", m.subject());
        assertEquals(List.of("limit:" + ALICE + ":50 proj"), m.header("X-Allocd-Alert"));
        for (String column : List.of("Used", "Limit")) {
            assertEquals(f.ok("-Pn", "show", "membership", "account=proj", "user=" + ALICE, "format=" + column).out()
                    .strip(), figure(m, column), column + " in\n" + m.body());
        }
        assertTrue(m.body().contains("because this is your own limit in proj"), m.body());
        assertEquals(m.subject(), mail.read(CAROL).get(0).subject());
        assertTrue(mail.read(CAROL).get(0).body().contains("because you coordinate proj"));

        sweepAndExpect(1, 1, 0); // sent once
        f.restart();
        sweepAndExpect(1, 1, 0); // still once after a restart
        f.job(2, ALICE, "proj", 72, 3600); // 3 SU: 75%, no threshold crossed
        sweepAndExpect(1, 1, 0);
        f.job(3, ALICE, "proj", 72, 3600); // 4 SU: 100%, 90% crossed
        sweepAndExpect(2, 2, 0);
        assertTrue(mail.read(ALICE).get(1).subject().contains("4.000000 of 4.000000 SU in total; alert at 90%"));

        f.ok("modify", "membership", "user=" + ALICE, "account=proj", "limit=10"); // 40%: both re-armed
        sweepAndExpect(2, 2, 0);
        List<String> expected = new ArrayList<>();
        for (String key : List.of("50", "90")) {
            for (String to : List.of(ALICE, CAROL)) {
                expected.add("alert limit:" + ALICE + ":" + key + " mail to " + to + " re-armed");
                expected.add("alert limit:" + ALICE + ":" + key + " mail to " + to + " sent");
            }
        }
        assertEquals(expected, alertNotes("proj", "alert limit:"));
    }

    @Test
    void aLimitPerCycleIsAlertedAgainInTheNextCycle() throws Exception {
        f.ok("add", "account", "lab");
        f.ok("add", "membership", "user=" + ALICE, "account=lab", "limit=2", "limitper=cycle");
        f.ok("notify", "user=" + ALICE, "thresholds=50");
        f.ok("-i", "add", "grant", "account=lab", "amount=100", "period=monthly", "start=2026-12-01",
                "carryover=none");
        sweepAndExpect(0, 0, 0);
        f.job(1, ALICE, "lab", 144, 3600); // 2 SU of 2 this cycle
        sweepAndExpect(0, 1, 0);
        assertTrue(mail.read(ALICE).get(0).subject().contains("this cycle (since 2026-12-01)"),
                mail.read(ALICE).get(0).subject());

        clock.setMillis(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli()); // a new cycle: its use begins at 0
        sweepAndExpect(0, 1, 0);
        f.job(2, ALICE, "lab", 144, 3600);
        sweepAndExpect(0, 2, 0);
        assertTrue(mail.read(ALICE).get(1).subject().contains("this cycle (since 2027-01-01)"),
                mail.read(ALICE).get(1).subject());
        assertEquals(List.of("alert limit:malice:50:2026-12-01 mail to malice re-armed",
                "alert limit:malice:50:2026-12-01 mail to malice sent",
                "alert limit:malice:50:2027-01-01 mail to malice sent"), alertNotes("lab", "alert limit:"));
    }

    @Test
    void aFailingOrHangingMtaIsRetriedGivenUpAtTheBoundAndNeverHoldsUpTheHooks() throws Exception {
        Files.writeString(bin.resolve("hang"), "");
        f.job(1, ALICE, "proj", 432, 3600); // 60%: carol's used:50 is due
        CompletableFuture<Void> sweep = CompletableFuture.runAsync(() -> f.daemon().housekeepNow());
        f.job(2, ALICE, "proj", 72, 60); // the hooks answer while sendmail hangs
        assertFalse(sweep.isDone(), "the alerts run waits for the hanging MTA, the hooks do not");
        sweep.get();
        Files.delete(bin.resolve("hang"));
        Files.writeString(bin.resolve("fail"), "");
        for (int run = 2; run <= 5; run++) {
            sweepAndExpect(0, 0, 0);
        }
        String given = f.ok("--json", "transactions", "proj", "kind=admin").out();
        assertTrue(given.contains("alert used:50 mail to mcarol given up after 5 failed attempts"), given);
        Files.delete(bin.resolve("fail"));
        sweepAndExpect(0, 0, 0); // given up: not sent until it is re-armed
    }
}
