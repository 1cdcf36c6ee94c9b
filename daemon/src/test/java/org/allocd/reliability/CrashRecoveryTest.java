package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at seeded random moments under a load of QUOTE/LIEN/CHARGE/deposit from a few clients, then restart
 * and retry every unacknowledged operation with its key. After each round: verify clean, balances equal the
 * model of acknowledged operations. At the end every acknowledged operation is a replay (present, once).
 *
 * Rounds: -Dallocd.crash.rounds (default 50; a long run takes 100 or more, see docs/reliability.md).
 * Seed: -Dallocd.crash.seed.
 */
class CrashRecoveryTest {
    static final int DEFAULT_ROUNDS = 50;
    static final long DEFAULT_SEED = 20261121L;
    private static final int CLIENTS = 3;
    /** Bounds the load: a round whose kill comes late stops here. */
    private static final int MAX_OPS_PER_CLIENT_PER_ROUND = 400;
    private static final int MAX_KILL_DELAY_MILLIS = 250;
    /** A JVM of this size takes some 400 to 900 ms to open the store here; the kill lands in that window. */
    private static final int MIN_START_KILL_MILLIS = 200;
    private static final int MAX_START_KILL_MILLIS = 900;

    @TempDir
    Path dir;

    @Test
    void killNineUnderLoadLosesNothingAndAppliesNothingTwice() throws Exception {
        int rounds = Integer.getInteger("allocd.crash.rounds", DEFAULT_ROUNDS);
        long seed = Long.getLong("allocd.crash.seed", DEFAULT_SEED);
        Random random = new Random(seed);
        DaemonFixture.Builder conf = DaemonFixture.in(dir);
        List<CrashClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        DaemonProcess daemon = new DaemonProcess(conf).start();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                CrashClient client = new CrashClient(conf, c, seed);
                client.seed(daemon);
                clients.add(client);
            }
            int killsWhileStarting = 0;
            for (int round = 1; round <= rounds; round++) {
                String when = "round " + round + " of " + rounds + " (seed " + seed + ")";
                List<Future<Integer>> load = new ArrayList<>();
                for (CrashClient client : clients) {
                    load.add(pool.submit(() -> client.runUntilCrash(MAX_OPS_PER_CLIENT_PER_ROUND)));
                }
                // A few rounds kill before or during the first requests; most in the thick of the load.
                Thread.sleep(random.nextInt(5) == 0 ? random.nextInt(5) : random.nextInt(MAX_KILL_DELAY_MILLIS));
                daemon.kill9();
                for (Future<Integer> f : load) {
                    f.get(60, TimeUnit.SECONDS);
                }
                if (random.nextInt(5) == 0) {
                    // killed again while starting: opening the store, recovering the WAL, binding sockets
                    DaemonProcess starting = new DaemonProcess(conf).launch();
                    Thread.sleep(MIN_START_KILL_MILLIS + random.nextInt(MAX_START_KILL_MILLIS - MIN_START_KILL_MILLIS));
                    starting.kill9();
                    killsWhileStarting++;
                }
                daemon = new DaemonProcess(conf).start();
                for (CrashClient client : clients) {
                    client.retryAfterRestart();
                    client.assertBalanceMatches(daemon, when);
                }
                assertVerifyClean(daemon, when);
            }
            int acknowledged = 0;
            long replayed = 0;
            for (CrashClient client : clients) {
                client.assertEveryAcknowledgedOpReplays();
                client.assertBalanceMatches(daemon, "after replaying every acknowledged operation");
                acknowledged += client.acknowledgedCount();
                replayed += client.replayedRetries();
            }
            assertVerifyClean(daemon, "at the end");
            ReliabilityTable.row(ReliabilityTable.CRASH, rounds + " rounds (seed " + seed + "), " + CLIENTS
                    + " clients, " + acknowledged + " operations acknowledged, " + killsWhileStarting + " more kills"
                    + " while starting", "verify clean after every round;"
                    + " balances and liens equal the acknowledged operations; " + replayed + " retries after a kill"
                    + " were replays; every acknowledged operation replays at the end");
            System.out.printf("crash test: %d rounds, seed %d, %d operations acknowledged, %d retries after a"
                    + " kill were replays (applied before the kill, answer lost)%n", rounds, seed, acknowledged,
                    replayed);
        } finally {
            pool.shutdownNow();
            daemon.close();
        }
    }

    private static void assertVerifyClean(DaemonProcess daemon, String when) throws Exception {
        ObjectNode verify = daemon.admin("{\"op\":\"verify\"}");
        assertTrue(verify.path("clean").asBoolean(), when + ": verify " + verify + "\n" + daemon.tail());
    }
}
