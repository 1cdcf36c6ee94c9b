package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LIEN or MODIFY sent again (a prolog retried after the daemon went away, a spooled event replayed) answers as a
 * replay of the first. Regression test: the operation's fingerprint once held an expiry read from the clock, so
 * the second send was refused with key_reused.
 */
class LienReplayTest {
    private static final String JOB = "\"cluster\":\"testcluster\",\"job_id\":7,\"user\":\"alice\","
            + "\"account\":\"proj\","
            + "\"partition\":\"gpu\",\"gpus\":1,\"time_limit_s\":3600";

    @TempDir
    Path dir;

    @Test
    void lienSentAgainIsAReplay() throws Exception {
        try (DaemonFixture d = DaemonFixture.in(dir).start()) {
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
        try (DaemonFixture d = DaemonFixture.in(dir).start()) {
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
