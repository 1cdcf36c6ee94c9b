package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.allocd.e2e.SlurmTestbed;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way libslurm fails before it can reach a slurmctld, all of which used to end the JVM (libslurm's
 * fatal() calls exit) or could crash it: allocd goes on answering QUOTE, LIEN and CHARGE within the hooks'
 * bound, logs one line naming libslurm's cause, and its ledger verifies clean. No Slurm runs; the shim is
 * built from slurm-hooks.
 */
@Tag("e2e")
class LibslurmFailuresTest {
    @Test
    void missingSlurmConf(@TempDir Path dir) throws Exception {
        // libslurm waits up to 60 s for a missing file, then calls fatal(): the call bound ends it first.
        keepsAnswering(dir, shim(dir), Optional.of(dir.resolve("etc/slurm.conf")), "cannot stat file");
    }

    @Test
    void unreadableSlurmConf(@TempDir Path dir) throws Exception {
        // A directory: unreadable as a file even for root (chmod 000 is not, for root).
        Path conf = Files.createDirectories(dir.resolve("slurm.conf"));
        keepsAnswering(dir, shim(dir), Optional.of(conf), "fatal: Unable to process configuration file");
    }

    @Test
    void configlessDnsSrvLookupFails(@TempDir Path dir) throws Exception {
        // No slurm_conf, no SLURM_CONF, no default file: libslurm asks DNS for _slurmctld._tcp, finds none, fatal().
        keepsAnswering(dir, configless(shim(dir)), Optional.empty(), "fatal: Could not establish a configuration source");
    }

    /**
     * Runs the shim's helper where libslurm finds no configuration whatever this machine has: without SLURM_CONF,
     * and in a mount namespace of its own with empty directories over /etc/slurm (the default slurm.conf) and
     * /run/slurm (slurmd's cache of a configless cluster's files). Needs root, as every test of this class.
     */
    private static Path configless(Path shim) throws Exception {
        Path helper = shim.resolveSibling("allocd-slurm");
        Path real = Files.move(helper, shim.resolveSibling("allocd-slurm.real"));
        Files.writeString(helper, "#!/bin/sh\n"
                + "exec unshare --mount --propagation private sh -c 'for d in /etc/slurm /run/slurm; do"
                + " if [ -d \"$d\" ]; then mount -t tmpfs none \"$d\" || exit 1; fi; done;"
                + " exec env -u SLURM_CONF \"$0\" \"$@\"' " + real + " \"$@\"\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return shim;
    }

    @Test
    void libslurmOfAnotherVersion(@TempDir Path dir) throws Exception {
        // As after a Slurm upgrade: the shim was linked to a libslurm.so.N this host no longer has.
        Path shim = shim(dir);
        byte[] bytes = Files.readAllBytes(shim);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("libslurm.so.") + "libslurm.so.".length();
        int end = at;
        while (Character.isDigit(text.charAt(end))) {
            end++;
        }
        assertTrue(end > at, "no libslurm.so.N in " + shim);
        for (int i = at; i < end; i++) {
            bytes[i] = '9';
        }
        Files.write(shim, bytes);
        keepsAnswering(dir, shim, Optional.empty(), "libslurm.so.99: cannot open shared object file");
    }

    private static Path shim(Path dir) throws Exception {
        return SlurmTestbed.buildShimWithoutBed(dir.resolve("shim"));
    }

    private static void keepsAnswering(Path dir, Path shim, Optional<Path> slurmConf, String cause) throws Exception {
        try (ShimLog log = new ShimLog();
                AllocdOnTestbed allocd = new AllocdOnTestbed(null, shim, slurmConf, dir, "hold", 1000)) {
            allocd.account("proja", "root");
            allocd.deposit("proja", 5_000_000); // a short-funds round: asks libslurm for proja's pending jobs
            allocd.await("the line saying Slurm cannot be reached", () -> !log.lines(ShimLog.DOWN).isEmpty());
            // The JVM used to end about 3 s after start; the next start of the helper is 5 s after the first.
            Thread.sleep(SlurmShim.RESTART_GAP_MILLIS + 1_000);
            allocd.deposit("proja", 1_000_000);
            Thread.sleep(1_000);

            List<String> down = log.lines(ShimLog.DOWN);
            assertEquals(1, down.size(), "one line per outage: " + down);
            assertTrue(down.get(0).contains(cause), "the line names libslurm's cause (" + cause + "): " + down);
            assertTrue(down.get(0).contains("holds and releases no jobs for money"), down.get(0));
            HookBound.answers(allocd, 424_242);
            allocd.verifyClean();
        }
    }
}
