package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on the SQLite store under a running daemon: disk full (a small tmpfs), the database locked by another
 * process, the database files made immutable. While the fault lasts writes are refused with store_unavailable
 * and change nothing, reads are served; once it clears, the refused operations retried with their keys apply
 * exactly once (they were never half-applied) and verify is clean. Needs root (mount, chattr); skips otherwise.
 */
class StoreFaultTest {
    private static final long INITIAL_MICRO_SU = 100_000_000;
    private static final int MAX_WRITES_UNDER_FAULT = 400;

    @TempDir
    Path dir;

    @Test
    void diskFull() throws Exception {
        requireRoot();
        Path small = dir.resolve("small");
        Files.createDirectories(small);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", small.toString()) == 0,
                "mount -t tmpfs failed; disk-full test skipped");
        try {
            DaemonFixture.Builder conf = DaemonFixture.in(dir).stateDir(small.resolve("state"));
            Path filler = small.resolve("filler");
            exercise(ReliabilityTable.DISK_FULL, conf, new StoreFault() {
                public void inject() throws IOException {
                    fill(filler);
                }

                public void clear() throws IOException {
                    Files.deleteIfExists(filler);
                }
            });
        } finally {
            run("umount", "-l", small.toString());
        }
    }

    @Test
    void lockedByAnotherProcess() throws Exception {
        DaemonFixture.Builder conf = DaemonFixture.in(dir);
        exercise(ReliabilityTable.LOCKED, conf, new StoreFault() {
            private Process holder;

            public void inject() throws IOException {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                holder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("java.class.path"), LockHolder.class.getName(), conf.database().toString())
                        .redirectErrorStream(true).start();
                String said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                assertEquals("locked", said, "the lock holder could not lock the database");
            }

            public void clear() throws Exception {
                if (holder != null) {
                    try (OutputStream stdin = holder.getOutputStream()) {
                        stdin.write('\n');
                    }
                    assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "lock holder did not exit");
                    holder = null;
                }
            }
        });
    }

    @Test
    void databaseFilesImmutable() throws Exception {
        requireRoot();
        DaemonFixture.Builder conf = DaemonFixture.in(dir);
        // Not the -shm file: SQLite writes it through a shared mmap, and a store on an immutable (or read-only
        // remounted) -shm dies of SIGBUS inside SQLite; see docs/reliability.md.
        List<Path> files = List.of(conf.database(), Path.of(conf.database() + "-wal"));
        exercise(ReliabilityTable.IMMUTABLE, conf, new StoreFault() {
            public void inject() throws Exception {
                // root ignores file modes, so chmod proves nothing here; the immutable flag binds root too
                for (Path file : files) {
                    Assumptions.assumeTrue(run("chattr", "+i", file.toString()) == 0, "chattr +i failed on " + file);
                }
            }

            public void clear() throws Exception {
                for (Path file : files) {
                    run("chattr", "-i", file.toString());
                }
            }
        });
    }

    /**
     * The shared scenario: seed, fault, keyed writes (deposits and a LIEN) until refused, reads served, clear,
     * retry the refused keys, balances equal the model of acknowledged writes, verify clean.
     */
    private static void exercise(String label, DaemonFixture.Builder conf, StoreFault fault) throws Exception {
        try (DaemonFixture daemon = conf.start(); StoreFault cleared = fault) {
            daemon.seed();
            long balance = INITIAL_MICRO_SU;
            fault.inject();
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < MAX_WRITES_UNDER_FAULT && refused.isEmpty(); i++) {
                String deposit = deposit(i);
                ObjectNode answer = daemon.admin(deposit);
                if (answer.path("ok").asBoolean()) {
                    balance += 1_000_000; // written before the fault bit (a full disk may still take a few)
                } else {
                    assertClearStoreError(answer);
                    refused.add(deposit);
                }
            }
            assertFalse(refused.isEmpty(), "no write was refused under the fault");
            String lien = "{\"op\":\"LIEN\",\"cluster\":\"testcluster\",\"job_id\":77,\"user\":\"alice\","
                    + "\"account\":\"proj\",\"partition\":\"gpu\",\"gpus\":2,\"time_limit_s\":3600}";
            ObjectNode lienAnswer = daemon.hook(lien);
            assertClearStoreError(lienAnswer);

            assertBalance(daemon, balance, 0, "under the fault (reads are served, nothing half-applied)");
            assertTrue(daemon.hook("{\"op\":\"PING\"}").path("ok").asBoolean());

            fault.clear();
            for (String deposit : refused) {
                ObjectNode answer = daemon.admin(deposit);
                assertTrue(answer.path("ok").asBoolean(), "after the fault cleared: " + answer);
                assertFalse(answer.path("replayed").asBoolean(), "a write refused with store_unavailable must not"
                        + " have been applied: " + deposit);
                balance += 1_000_000;
            }
            ObjectNode liened = daemon.hook(lien);
            assertTrue(liened.path("ok").asBoolean() && !liened.path("replayed").asBoolean(), liened.toString());
            assertBalance(daemon, balance, 2_000_000, "after recovery");
            ObjectNode verify = daemon.verify();
            assertTrue(verify.path("clean").asBoolean(), verify.toString());
            ReliabilityTable.row(label, "refused: " + refused.size() + " deposit, 1 LIEN", "store_unavailable; balance"
                    + " served and unchanged; after clearing, the refused keys apply once (not replays); verify clean");
        }
    }

    private static String deposit(int i) {
        return "{\"op\":\"deposit\",\"account\":\"proj\",\"amount_micro_su\":1000000,\"key\":\"fault-" + i + "\"}";
    }

    private static void assertClearStoreError(ObjectNode answer) {
        assertFalse(answer.path("ok").asBoolean(), "a write under the fault succeeded: " + answer);
        assertEquals("store_unavailable", answer.path("error").asText(), answer.toString());
        assertFalse(answer.path("message").asText().isBlank(), answer.toString());
    }

    private static void assertBalance(DaemonFixture daemon, long balanceMicroSu, long lienedMicroSu, String when)
            throws IOException {
        ObjectNode balance = daemon.admin("{\"op\":\"balance\",\"account\":\"proj\"}");
        assertTrue(balance.path("ok").asBoolean(), when + ": " + balance);
        assertEquals(balanceMicroSu, balance.get("balance_micro_su").asLong(), when);
        assertEquals(lienedMicroSu, balance.get("liened_micro_su").asLong(), when);
    }

    /** Writes zeros until the filesystem is full. */
    private static void fill(Path filler) throws IOException {
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(4096);
            while (true) {
                block.clear();
                channel.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    private static void requireRoot() throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root (mount, chattr); skipped");
    }

    static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        if (exit != 0) {
            System.out.println(String.join(" ", command) + " exited " + exit + ": " + output);
        }
        return exit;
    }
}
