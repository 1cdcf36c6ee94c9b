package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.allocd.e2e.SlurmTestbed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JNA binding with a controller that never answers. A class of its own because it loads libslurm with another
 * slurm.conf: Slurm 24.11's libslurm crashes (SIGSEGV in slurm_plugin_get_syms) when slurm_init runs again after
 * slurm_fini in one process, so each configuration gets a JVM of its own there (surefire -DreuseForks=false).
 */
@Tag("e2e")
class SlurmShimSilentControllerTest {
    @Test
    void aControllerThatNeverAnswersCostsAtMostTheTimeout(@TempDir Path dir) throws Exception {
        SlurmTestbed bed = SlurmTestbed.started("daemon-tests", 28_000, false);
        try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Path conf = dir.resolve("slurm.conf");
            Files.writeString(conf, Files.readString(bed.slurmConf).replaceAll("(?m)^SlurmctldPort=.*$",
                    "SlurmctldPort=" + silent.getLocalPort()));
            try (SlurmShim shim = SlurmShim.load(bed.buildShim(dir), Optional.of(conf), 500)) {
                SlurmException e = assertThrows(SlurmException.class, () -> shim.pendingJobs(null));
                assertEquals(0, e.code());
                assertTrue(e.getMessage().contains("no answer from slurmctld within 500 ms"), e.getMessage());
            }
        } finally {
            bed.closeAndClean();
        }
    }
}
