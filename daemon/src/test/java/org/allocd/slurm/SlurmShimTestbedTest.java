package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.allocd.e2e.SlurmTestbed;
import org.allocd.e2e.SlurmTestbed.Bed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The shim, through its helper process, against a real slurmctld (no slurmdbd). */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmShimTestbedTest {
    private static SlurmTestbed bed;
    private static Path library;
    private static SlurmShim shim;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        bed = SlurmTestbed.started(Bed.DAEMON_TESTS, false);
        library = bed.buildShim(dir);
        shim = SlurmShim.load(library, Optional.of(bed.slurmConf), 10_000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (shim != null) {
            shim.close();
        }
        if (bed != null) {
            bed.closeAndClean();
        }
    }

    private static long submitHeld(String account) throws Exception {
        return Long.parseLong(bed.slurmOk("sbatch", "--parsable", "--hold", "-A", account, "-n", "1", "-t", "5",
                "-o", "/dev/null", "--wrap", "sleep 30").strip());
    }

    @Test
    @Order(1)
    void holdsListsAndReleasesAJobWithItsAdminComment() throws Exception {
        long first = submitHeld("shimproj");
        long second = submitHeld("shimproj");
        long other = submitHeld("otherproj");
        String note = HoldNote.text("shimproj", 1_000_000, 500_000);
        shim.hold(second, note);

        List<PendingJob> pending = shim.pendingJobs("shimproj");
        assertEquals(List.of(first, second), pending.stream().map(PendingJob::jobId).toList());
        PendingJob held = pending.get(1);
        assertEquals("root", held.user());
        assertEquals("shimproj", held.account());
        assertEquals(0, held.priority());
        assertEquals(note, held.adminComment());
        assertTrue(held.heldByAllocd());
        assertTrue(shim.pendingJobs(null).stream().anyMatch(j -> j.jobId() == other));

        JobInfo info = shim.jobInfo(second);
        assertEquals("PENDING", info.state());
        assertEquals(5, info.timeLimitMinutes());
        assertEquals(note, info.adminComment());
        assertTrue(info.submitEpochSeconds() > 0);

        shim.release(second, "");
        JobInfo released = shim.jobInfo(second);
        assertTrue(released.priority() > 0, "released job still has priority 0: " + released);
        assertEquals("", released.adminComment());
        bed.slurmOk("scancel", String.valueOf(first), String.valueOf(second), String.valueOf(other));
    }

    @Test
    @Order(2)
    void slurmErrorsComeBackWithSlurmsText() throws Exception {
        SlurmException e = assertThrows(SlurmException.class, () -> shim.jobInfo(4_000_000_000L));
        assertTrue(e.code() != 0, "expected a Slurm error code");
        assertTrue(e.getMessage().contains("Invalid job id"), e.getMessage());
        assertThrows(SlurmException.class, () -> shim.release(4_000_000_000L, ""));
        assertThrows(IllegalArgumentException.class, () -> shim.hold(0, "x"));
    }

    /** Last: it replaces the shim with one whose controller never answers. */
    @Test
    @Order(3)
    void aControllerThatNeverAnswersCostsAtMostTheTimeout(@TempDir Path dir) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Path conf = dir.resolve("slurm.conf");
            Files.writeString(conf, Files.readString(bed.slurmConf).replaceAll("(?m)^SlurmctldPort=.*$",
                    "SlurmctldPort=" + silent.getLocalPort()));
            shim.close();
            shim = SlurmShim.load(library, Optional.of(conf), 500);
            SlurmException e = assertThrows(SlurmException.class, () -> shim.pendingJobs(null));
            assertEquals(0, e.code());
            assertTrue(e.getMessage().contains("slurmctld did not answer within 500 ms"), e.getMessage());
            assertTrue(e.unreachable());
        }
    }
}
