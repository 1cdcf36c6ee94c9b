package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * KNOWN BUG, failing on main, so off by default (run with -Dallocd.knownBugs=true):
 * a LIEN or MODIFY sent again (a prolog retried after the daemon went away, a spooled event replayed) is refused
 * with key_reused instead of answering as a replay. Ledger.apply fingerprints op.toString(), and PlaceLien /
 * AdjustLien carry expiresAtMs = clock.millis() + ..., computed afresh for every request by
 * JobAccounting.lienExpiresAtMs, so two sends of the same request a millisecond apart never match.
 */
@Tag("known-bug")
@EnabledIfSystemProperty(named = "allocd.knownBugs", matches = "true")
class LienReplayBugTest {
    private static final String JOB = "\"cluster\":\"testcluster\",\"job_id\":7,\"user\":\"alice\","
            + "\"account\":\"proj\","
            + "\"partition\":\"gpu\",\"gpus\":1,\"time_limit_s\":3600";

    @TempDir
    Path dir;

    @Test
    void lienSentAgainIsAReplay() throws Exception {
        try (InProcessDaemon d = new InProcessDaemon(new AllocdConf(dir))) {
            d.seed();
            ObjectNode first = d.hook("{\"op\":\"LIEN\"," + JOB + "}");
            assertTrue(first.path("ok").asBoolean(), first.toString());
            Thread.sleep(5);
            ObjectNode again = d.hook("{\"op\":\"LIEN\"," + JOB + "}");
            assertTrue(again.path("replayed").asBoolean(), "the same LIEN again must be a replay: " + again);
            assertEquals(first.get("amount_micro_su").asLong(), again.path("amount_micro_su").asLong());
            ReliabilityTable.row(ReliabilityTable.LIEN_REPLAY, "1 LIEN, 1 MODIFY", "replays");
        }
    }

    @Test
    void modifySentAgainIsAReplay() throws Exception {
        try (InProcessDaemon d = new InProcessDaemon(new AllocdConf(dir))) {
            d.seed();
            assertTrue(d.hook("{\"op\":\"LIEN\"," + JOB + "}").path("ok").asBoolean());
            String modify = "{\"op\":\"MODIFY\"," + JOB.replace("3600", "7200") + "}";
            ObjectNode first = d.hook(modify);
            assertTrue(first.path("ok").asBoolean(), first.toString());
            Thread.sleep(5);
            ObjectNode again = d.hook(modify);
            assertTrue(again.path("replayed").asBoolean(), "the same MODIFY again must be a replay: " + again);
        }
    }
}
