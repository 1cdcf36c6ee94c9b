package org.allocd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.Set;
import org.allocd.access.Access;
import org.allocd.access.Caller;
import org.allocd.config.SlurmSettings;
import org.allocd.ledger.Ledger;
import org.allocd.ledger.LedgerStore;
import org.allocd.ledger.TestClock;
import org.allocd.protocol.AdminRequests;
import org.allocd.protocol.HealthSources;
import org.allocd.protocol.PortalLinks;
import org.allocd.slurm.LienReconciler;
import org.allocd.slurm.ShimLoader;
import org.allocd.spool.SpoolReplayer;
import org.allocd.store.SqlLedgerStore;
import org.allocd.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health view's parts beside the ledger, wired as the daemon wires them, on a machine without Slurm: the
 * hook events waiting in a real spool directory, the lien reconciler's last run, and the last verify, kept in its
 * file across a restart (a new AdminRequests on the same state directory).
 */
class HealthViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW_MILLIS = 1_790_812_800_000L;

    @TempDir
    Path dir;

    @Test
    void spoolReconcileAndTheLastVerifyWhichOutlivesARestart() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Path lastVerify = dir.resolve(Daemon.LAST_VERIFY_FILE);
        SlurmSettings slurm = new SlurmSettings(Optional.empty(), dir, 1000);
        TestClock clock = new TestClock(NOW_MILLIS);
        try (LedgerStore store = SqlLedgerStore.open(TestStore.SQLITE.fresh(dir));
                ShimLoader noShim = new ShimLoader(dir.resolve("libslurmshim.so"), slurm)) {
            Ledger ledger = new Ledger(store, clock);
            LienReconciler liens = new LienReconciler(ledger, null, "c1", noShim, slurm, clock, () -> 0L);
            HealthSources sources = new HealthSources(spool, liens::lastRun, lastVerify);
            AdminRequests admin = admin(ledger, noShim, sources);

            JsonNode empty = health(admin);
            assertEquals(0, empty.path("spool").path("events").asInt(), empty.toString());
            assertTrue(empty.path("spool").path("oldest_written_at_ms").isNull(), empty.toString());
            assertTrue(empty.path("last_reconcile").path("at_ms").isNull(), empty.toString());
            assertTrue(empty.path("last_verify").path("at_ms").isNull(), empty.toString());

            spooled(spool.resolve("1700000000.000-c1-7-epilog.json"), NOW_MILLIS - 90_000);
            spooled(spool.resolve("1700000001.000-c1-8-prolog.json"), NOW_MILLIS - 30_000);
            spooled(spool.resolve(".tmp-c1-9"), NOW_MILLIS - 1_000); // a hook still writing
            spooled(Files.createDirectories(spool.resolve(SpoolReplayer.QUARANTINE)).resolve("bad.json"), NOW_MILLIS);
            assertFalse(liens.reconcile(), "no libslurmshim here: Slurm cannot be asked");

            JsonNode after = health(admin);
            JsonNode waiting = after.path("spool");
            assertEquals(2, waiting.path("events").asInt(), after.toString());
            assertFalse(waiting.path("events_more").asBoolean());
            assertEquals(NOW_MILLIS - 90_000, waiting.path("oldest_written_at_ms").asLong(), "the oldest event's time");
            assertEquals(1, waiting.path("quarantined").asInt());
            assertEquals(NOW_MILLIS, after.path("last_reconcile").path("at_ms").asLong(), after.toString());
            assertFalse(after.path("last_reconcile").path("slurm_asked").asBoolean(), after.toString());

            clock.advanceMillis(5_000);
            assertTrue(ask(admin, "{\"op\":\"verify\"}").path("clean").asBoolean());
            JsonNode verified = health(admin).path("last_verify");
            assertEquals(NOW_MILLIS + 5_000, verified.path("at_ms").asLong(), verified.toString());
            assertTrue(verified.path("clean").asBoolean());

            JsonNode restarted = health(admin(ledger, noShim, new HealthSources(spool, Optional::empty, lastVerify)));
            assertEquals(verified, restarted.path("last_verify"), "the last verify outlives a restart");
            assertTrue(restarted.path("last_reconcile").path("at_ms").isNull(), "a reconcile is of this run only");

            Files.writeString(lastVerify, "{\"at_ms\":\"soon\"}", StandardCharsets.UTF_8);
            JsonNode unreadable = health(admin(ledger, noShim, sources));
            assertTrue(unreadable.path("last_verify").path("at_ms").isNull(), "a file that does not read is none");
            assertTrue(ledger.verify().clean());
        }
    }

    private static AdminRequests admin(Ledger ledger, ShimLoader shims, HealthSources sources) {
        return new AdminRequests(ledger, null, new Access(ledger, Set::of, null), Runnable::run, () -> 14,
                new ShimQueue("c1", shims::loaded), () -> 0, PortalLinks.OFF, sources);
    }

    private static void spooled(Path file, long writtenMillis) throws Exception {
        Files.writeString(file, "{\"op\":\"CHARGE\"}", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(writtenMillis));
    }

    private static JsonNode health(AdminRequests admin) throws Exception {
        JsonNode answer = ask(admin, "{\"op\":\"health\"}");
        assertTrue(answer.path("ok").asBoolean(), answer.toString());
        return answer;
    }

    private static JsonNode ask(AdminRequests admin, String request) throws Exception {
        return admin.handle(() -> new Caller("root", true), (ObjectNode) JSON.readTree(request)).join();
    }
}
