package org.allocd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.allocd.cli.CliFixture.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roles as the daemon decides them from the peer uid: the real allocmgr jar
 * code runs as another unix user through setpriv (root is always an admin, so
 * it cannot stand in for anyone else). nobody is a member of proj; daemon
 * coordinates dept (above proj and other); bin holds no role at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllocmgrRolesTest {
    private static final int DAEMON_UID = 1;
    private static final int BIN_UID = 2;
    private static final int NOBODY_UID = 65534;

    Path dir;
    Path classpath;
    CliFixture f;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        Assumptions.assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(tempDir, "unix:uid")),
                "needs root to run allocmgr as other users with setpriv");
        dir = tempDir;
        f = new CliFixture(dir);
        classpath = ReadableClasspath.copy(dir);
        f.ok("add", "account", "dept");
        f.ok("add", "account", "proj", "parent=dept");
        f.ok("add", "account", "other", "parent=dept");
        f.ok("add", "user", "nobody", "defaultaccount=proj");
        f.ok("add", "user", "daemon");
        f.ok("add", "user", "alice");
        f.ok("add", "membership", "user=nobody", "account=proj");
        f.ok("add", "membership", "user=alice", "account=proj");
        f.ok("add", "coordinator", "user=daemon", "account=dept");
        f.ok("-i", "deposit", "dept", "amount=100", "note=grant");
        f.ok("-i", "deposit", "proj", "amount=50", "note=grant");
        f.job(1, "nobody", "proj", 8, 3600);
        f.job(2, "alice", "proj", 8, 1800);
    }

    @AfterAll
    void stop() {
        if (f != null) {
            f.verifyClean();
            f.close();
        }
    }

    @Test
    void memberSeesOwnAccountsAndJobsAndIsRefusedTheRest() throws Exception {
        long before = f.journalEntries();
        assertEquals("nobody|false\n", as(NOBODY_UID, 0, "-Pn", "whoami").out());
        assertEquals("proj|48.500000\n", as(NOBODY_UID, 0, "-Pn", "balance", "format=Account,Balance").out());
        assertEquals("testcluster/1/0|nobody\n", as(NOBODY_UID, 0, "-Pn", "show", "jobs", "format=Job,User").out());
        assertEquals("nobody|1|1.000000\n", as(NOBODY_UID, 0, "-Pn", "jobcharge", "proj", "format=User,Jobs,SU").out());
        assertTrue(as(NOBODY_UID, 1, "-i", "deposit", "proj", "amount=5", "note=x").err()
                .contains("a deposit needs the admin role; nobody is not an admin"));
        assertTrue(as(NOBODY_UID, 1, "statement", "proj", "start=2026-01-01", "end=2100-01-01").err()
                .contains("needs the admin role or coordinator of proj; nobody is neither"));
        assertTrue(as(NOBODY_UID, 1, "transactions").err().contains("needs the admin role"));
        assertTrue(as(NOBODY_UID, 1, "show", "days", "proj").err()
                .contains("needs the admin role or coordinator of proj; nobody is neither"));
        assertTrue(as(NOBODY_UID, 1, "show", "days").err().contains("needs the admin role"));
        assertTrue(as(NOBODY_UID, 1, "balance", "other").err().contains("needs membership of other"));
        assertEquals(before, f.journalEntries());
    }

    @Test
    void outsiderIsRefusedWithTheRoleNeeded() throws Exception {
        long before = f.journalEntries();
        assertTrue(as(BIN_UID, 1, "balance", "proj").err()
                .contains("reading proj needs membership of proj (or coordinator above it, or admin); bin has none"));
        assertEquals("", as(BIN_UID, 0, "-Pn", "balance").out());
        assertEquals("", as(BIN_UID, 0, "-Pn", "show", "jobs").out());
        assertTrue(as(BIN_UID, 1, "-i", "transfer", "from=proj", "to=other", "amount=1", "note=x").err()
                .contains("needs the admin role or coordinator of proj; bin is neither"));
        assertTrue(as(BIN_UID, 1, "verify").err().contains("verify needs the admin role"));
        assertEquals(before, f.journalEntries());
    }

    @Test
    void coordinatorManagesTheSubtreeButCannotDeposit() throws Exception {
        assertEquals("dept|other|proj\n", String.join("|", as(DAEMON_UID, 0, "-Pn", "balance", "format=Account")
                .out().lines().toList()) + "\n");
        assertEquals("alice|0.500000\nnobody|1.000000\n",
                as(DAEMON_UID, 0, "-Pn", "jobcharge", "proj", "format=User,SU").out());
        assertTrue(as(DAEMON_UID, 0, "-P", "statement", "proj", "start=2000-01-01", "end=2100-01-01").out()
                .contains("closing balance||48.500000"));
        assertTrue(as(DAEMON_UID, 0, "-Pn", "show", "days", "proj", "days=1").out().endsWith("|1.500000|50.000000\n"),
                "the coordinator reads the days of an account below them");
        assertTrue(as(DAEMON_UID, 1, "-i", "deposit", "proj", "amount=5", "note=x").err()
                .contains("a deposit needs the admin role"));
        as(DAEMON_UID, 0, "-i", "transfer", "from=dept", "to=other", "amount=5", "note=delegated");
        assertTrue(as(DAEMON_UID, 0, "-Pn", "transactions", "account=other", "format=Kind,Amount,Actor").out()
                .contains("TRANSFER|5.000000|daemon"));
        f.ok("add", "user", "bin");
        as(DAEMON_UID, 0, "add", "membership", "user=bin", "account=other");
        assertEquals("other|bin|member|0.000000||in total\n",
                as(DAEMON_UID, 0, "-Pn", "show", "membership", "account=other").out());
    }

    @Test
    void aCoordinatorBlocksAMemberWhoseQuoteThenNamesThem() throws Exception {
        long before = f.journalEntries();
        assertTrue(as(NOBODY_UID, 1, "modify", "membership", "user=alice", "account=proj", "blocked=yes").err()
                .contains("blocking a member of proj needs the admin role or coordinator of proj; nobody is neither"));
        assertEquals(before, f.journalEntries(), "a refused block writes nothing");
        as(DAEMON_UID, 0, "modify", "membership", "user=nobody", "account=proj", "blocked=yes");
        assertEquals("proj|nobody|daemon\n", as(DAEMON_UID, 0, "-Pn", "show", "membership", "account=proj",
                "user=nobody", "format=Account,User,BlockedBy").out());
        String refused = as(NOBODY_UID, 0, "-Pn", "quote", "account=proj", "partition=gpu", "cpus=8", "time=1:00:00",
                "format=Verdict,Note").out();
        assertEquals("reject|nobody is blocked in proj by daemon, ask them\n", refused);
        as(DAEMON_UID, 0, "modify", "membership", "user=nobody", "account=proj", "blocked=no");
        assertEquals("proj|nobody|\n", as(DAEMON_UID, 0, "-Pn", "show", "membership", "account=proj",
                "user=nobody", "format=Account,User,BlockedBy").out());
        assertTrue(as(NOBODY_UID, 0, "-Pn", "quote", "account=proj", "partition=gpu", "cpus=8", "time=1:00:00",
                "format=Verdict").out().startsWith("accept"));
        assertEquals(before + 2, f.journalEntries(), "a block and an unblock, one line each");
    }

    @Test
    void chargesByMeterFollowTheRoles() throws Exception {
        // nobody's job 1 (8 cores, 1 h: 1 unit, cores won) is all a plain member sees of proj.
        assertEquals("gpu.cpu|1|1.000000\n", as(NOBODY_UID, 0, "-Pn", "charges", "proj", "format=Meter,Jobs,SU").out());
        assertEquals("your jobs", as(NOBODY_UID, 0, "-o", "json", "charges", "proj").out()
                .lines().filter(l -> l.contains("\"scope\"")).findFirst().orElseThrow().split("\"")[3]);
        assertEquals("gpu.cpu|2|1.500000\n", as(DAEMON_UID, 0, "-Pn", "charges", "dept", "format=Meter,Jobs,SU").out());
        assertTrue(as(BIN_UID, 1, "charges", "proj").err().contains("charges of proj needs membership of proj"));
        assertTrue(as(NOBODY_UID, 1, "charges", "other").err().contains("needs membership of other"));
    }

    /** allocmgr as another uid, in its own JVM, with a copy of the classes that uid can read. */
    private Result as(int uid, int expectedExit, String... args) throws IOException, InterruptedException {
        List<String> command = ReadableClasspath.allocmgr(classpath, uid);
        command.addAll(List.of("--socket", f.adminSocket.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "allocmgr did not exit");
        Result r = new Result(process.exitValue(), out, err);
        assertEquals(expectedExit, r.exit(), () -> "uid " + uid + " " + String.join(" ", args) + "\nout: " + out
                + "\nerr: " + err);
        return r;
    }
}
