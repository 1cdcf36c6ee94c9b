package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** QUOTE, LIEN and CHARGE, each answered within the hooks' bound (hook_timeout_ms, 200 ms by default). */
final class HookBound {
    static final long HOOK_TIMEOUT_MILLIS = 200;
    private static final long LIMIT_S = 600;

    private HookBound() {}

    /** Job jobId untimed first (the first of each message loads its classes), then jobId + 1 timed. */
    static void answers(AllocdOnTestbed allocd, long jobId) throws Exception {
        allocd.quote("root", "proja", LIMIT_S);
        allocd.lien(jobId, "root", "proja", LIMIT_S);
        allocd.charge(jobId, "root", "proja", LIMIT_S, 60);
        long timed = jobId + 1;
        within("QUOTE", () -> assertEquals("accept", allocd.quote("root", "proja", LIMIT_S).get("verdict").asText()));
        within("LIEN", () -> allocd.lien(timed, "root", "proja", LIMIT_S));
        within("CHARGE", () -> allocd.charge(timed, "root", "proja", LIMIT_S, 60));
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void within(String what, Call call) throws Exception {
        long startNanos = System.nanoTime();
        call.run();
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        assertTrue(millis < HOOK_TIMEOUT_MILLIS, what + " took " + millis + " ms, the hooks wait "
                + HOOK_TIMEOUT_MILLIS + " ms");
    }
}
