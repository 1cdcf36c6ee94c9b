package org.allocd.reliability;

import java.nio.file.Path;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random fuzz of the hook and admin framings against the real daemon. A failure message carries the
 * case's bytes in hex: add them to src/test/resources/fuzz/frames.txt so FuzzCorpusTest replays them forever.
 * Cases: -Dallocd.fuzz.cases (default 1000 per socket). Seed: -Dallocd.fuzz.seed.
 */
class HostileInputTest {
    static final int DEFAULT_CASES = 1000;
    private static final int BATCH = 50;

    @TempDir
    static Path dir;
    static DaemonFixture daemon;
    static long journalEntries;

    @BeforeAll
    static void start() throws Exception {
        daemon = DaemonFixture.in(dir).start();
        daemon.seed();
        journalEntries = daemon.journalEntries();
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    @Test
    void hookSocketSurvivesHostileFrames() throws Exception {
        fuzz(true, daemon.hookSocket);
    }

    @Test
    void adminSocketSurvivesHostileFrames() throws Exception {
        fuzz(false, daemon.adminSocket);
    }

    private static void fuzz(boolean hook, Path socket) throws Exception {
        int cases = Integer.getInteger("allocd.fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("allocd.fuzz.seed", 7L) + (hook ? 0 : 1);
        HostileFrames frames = new HostileFrames(seed);
        for (int i = 1; i <= cases; i++) {
            HostileFrames.Case c = frames.next(hook);
            HostileExchange.run(socket, c.bytes(), c.splits(), "case " + i + " (seed " + seed + ", "
                    + c.description() + ")");
            if (i % BATCH == 0 || i == cases) {
                HostileExchange.assertUnchanged(daemon, journalEntries, i + " cases (seed " + seed + ")");
            }
        }
        ReliabilityTable.row(hook ? ReliabilityTable.FUZZ_HOOK : ReliabilityTable.FUZZ_ADMIN, cases + " cases (seed "
                + seed + ")", "no crash, no hang, no internal error; every " + BATCH + " cases: PING answers,"
                + " journal unchanged, verify clean");
    }
}
