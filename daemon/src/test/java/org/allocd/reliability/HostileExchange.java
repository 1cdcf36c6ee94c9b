package org.allocd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.allocd.daemon.DaemonFixture;

/**
 * Sends one hostile case on a fresh connection (in the given write splits), half-closes, and reads every answer
 * until the server closes, all within a bound. The oracle: no hang, every answer is a well-formed error or ok,
 * never "internal" (an unexpected failure inside the daemon).
 */
final class HostileExchange {
    static final long CASE_TIMEOUT_MILLIS = 5_000;

    private HostileExchange() {}

    static List<ObjectNode> run(Path socket, byte[] bytes, int[] splits, String description) throws Exception {
        String what = description + " [" + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 4096)) + "]";
        try (WireClient client = WireClient.connect(socket, CASE_TIMEOUT_MILLIS)) {
            try {
                int from = 0;
                for (int split : splits) {
                    client.write(Arrays.copyOfRange(bytes, from, split));
                    from = split;
                    Thread.sleep(1);
                }
                client.write(Arrays.copyOfRange(bytes, from, bytes.length));
                client.shutdownOutput();
            } catch (IOException refused) {
                // the server may close before reading all of a request it refuses (bad_frame); its answer is waiting
                assertFalse(String.valueOf(refused.getMessage()).startsWith("timed out"), "write hung: " + what);
            }
            List<ObjectNode> answers;
            try {
                answers = client.readUntilClosed();
            } catch (IOException e) {
                return fail("no answer or close within " + CASE_TIMEOUT_MILLIS + " ms (" + e.getMessage() + "): "
                        + what);
            }
            for (ObjectNode answer : answers) {
                assertTrue(answer.path("ok").isBoolean(), "answer without a boolean ok: " + answer + " to " + what);
                if (!answer.get("ok").asBoolean()) {
                    assertFalse(answer.path("error").asText().isEmpty(), "error without a code: " + answer);
                    assertFalse(answer.path("message").asText().isEmpty(), "error without a message: " + answer);
                    assertFalse("internal".equals(answer.get("error").asText()), "the daemon failed unexpectedly on "
                            + what + ": " + answer);
                }
            }
            return answers;
        }
    }

    /** After a batch: PING still answers, the journal is as it was, verify is clean. */
    static void assertUnchanged(DaemonFixture daemon, long journalEntriesBefore, String after) throws IOException {
        assertTrue(daemon.hook("{\"op\":\"PING\"}").path("ok").asBoolean(), "PING after " + after);
        assertTrue(daemon.admin("{\"op\":\"ping\"}").path("ok").asBoolean(), "admin ping after " + after);
        ObjectNode verify = daemon.verify();
        assertTrue(verify.path("clean").asBoolean(), "verify after " + after + ": " + verify);
        assertEquals(journalEntriesBefore, verify.get("journal_entries").asLong(), "hostile input changed the"
                + " journal: " + after);
    }
}
