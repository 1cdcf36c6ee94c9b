package org.allocd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The wire protocol of docs/protocol.md against a real socket. */
@Timeout(30)
class ProtocolTest {
    @TempDir
    Path dir;
    private ServerFixture fixture;
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture();
        socket = dir.resolve("test.sock");
        fixture.start(ServerFixture.config(socket).maxInFlightPerConnection(4).build());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void roundTripAddsOkAndEchoesId() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            ObjectNode answer = client.ask("{\"id\":7,\"op\":\"echo\",\"value\":\"héllo\"}");
            assertEquals("{\"id\":7,\"ok\":true,\"echo\":\"héllo\"}", answer.toString());
            ObjectNode second = client.ask("{\"op\":\"echo\",\"value\":[1,2]}");
            assertEquals("{\"ok\":true,\"echo\":[1,2]}", second.toString());
        }
        Peer peer = fixture.handler.peers.take();
        assertEquals(ProcessHandle.current().pid(), peer.pid());
    }

    @Test
    void handlerOkFalseIsKept() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            assertEquals("{\"id\":\"a\",\"ok\":false,\"error\":\"unknown_op\"}",
                    client.ask("{\"id\":\"a\",\"op\":\"nope\"}").toString());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInCompletionOrder() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            client.sendRaw(concat(
                    FrameClient.frame("{\"id\":1,\"op\":\"hold\",\"key\":\"first\"}"),
                    FrameClient.frame("{\"id\":\"two\",\"op\":\"hold\",\"key\":\"second\"}"),
                    FrameClient.frame("{\"id\":3.5,\"op\":\"hold\",\"key\":\"third\"}")));
            // Answered only after the server has passed all three holds to the handler.
            assertEquals("sync", client.ask("{\"id\":\"sync\",\"op\":\"echo\"}").get("id").asText());
            fixture.handler.complete("third", "c");
            fixture.handler.complete("first", "a");
            fixture.handler.complete("second", "b");
            assertEquals("{\"id\":3.5,\"ok\":true,\"result\":\"c\"}", client.read().toString());
            assertEquals("{\"id\":1,\"ok\":true,\"result\":\"a\"}", client.read().toString());
            assertEquals("{\"id\":\"two\",\"ok\":true,\"result\":\"b\"}", client.read().toString());
        }
    }

    @Test
    void inFlightLimitAnswersBusyAndFreesUp() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            for (int i = 1; i <= 4; i++) {
                client.send("{\"id\":" + i + ",\"op\":\"hold\",\"key\":\"k" + i + "\"}");
            }
            ObjectNode busy = client.ask("{\"id\":5,\"op\":\"echo\"}");
            assertEquals("{\"id\":5,\"ok\":false,\"error\":\"busy\",\"message\":\"this connection already has"
                    + " 4 requests in flight; read some answers before sending more\"}", busy.toString());
            fixture.handler.awaitHeld("k1");
            fixture.handler.complete("k1", "done");
            assertEquals("{\"id\":1,\"ok\":true,\"result\":\"done\"}", client.read().toString());
            assertEquals(6, client.ask("{\"id\":6,\"op\":\"echo\"}").get("id").asInt());
            assertEquals(5, fixture.handler.calls.get());
            for (int i = 2; i <= 4; i++) {
                fixture.handler.awaitHeld("k" + i);
                fixture.handler.complete("k" + i, "done");
                assertEquals(i, client.read().get("id").asInt());
            }
        }
    }

    @Test
    void oversizeLengthIsRefusedWithoutReadingTheBody() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            byte[] header = {'A', 'L', 1, 0, 0, 0x10, 0, 0};
            client.sendRaw(header);
            ObjectNode answer = client.read();
            assertEquals("bad_frame", answer.get("error").asText());
            assertFalse(answer.get("ok").asBoolean());
            assertTrue(answer.get("message").asText().contains("payload length 1048576 bytes exceeds this socket's limit of "
                    + ServerFixture.TEST_MAX_PAYLOAD_BYTES + " bytes"), answer.toString());
            assertTrue(client.closedByServer());
        }
        assertEquals(0, fixture.handler.calls.get());
    }

    @Test
    void maxPayloadItselfIsAccepted() throws Exception {
        String prefix = "{\"op\":\"echo\",\"value\":\"";
        String json = prefix + "y".repeat(ServerFixture.TEST_MAX_PAYLOAD_BYTES - prefix.length() - 2) + "\"}";
        assertEquals(ServerFixture.TEST_MAX_PAYLOAD_BYTES, json.length());
        try (FrameClient client = FrameClient.connect(socket)) {
            assertTrue(client.ask(json).get("ok").asBoolean());
        }
    }

    @Test
    void badMagicIsRefusedAndClosed() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            client.sendRaw("{\"op\":\"echo\"}".getBytes(StandardCharsets.UTF_8));
            ObjectNode answer = client.read();
            assertEquals("bad_frame", answer.get("error").asText());
            assertTrue(answer.get("message").asText().contains("magic bytes 'A','L' (got 0x7b"), answer.toString());
            assertTrue(client.closedByServer());
        }
        assertEquals(0, fixture.handler.calls.get());
    }

    @Test
    void unknownVersionIsRefusedAndClosed() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            client.sendRaw(FrameClient.frame((byte) 2, "{}".getBytes(StandardCharsets.UTF_8)));
            ObjectNode answer = client.read();
            assertEquals("bad_frame", answer.get("error").asText());
            assertTrue(answer.get("message").asText().contains("unsupported protocol version 2"), answer.toString());
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void nonZeroReservedByteIsRefused() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            byte[] frame = FrameClient.frame("{}");
            frame[3] = 9;
            client.sendRaw(frame);
            assertTrue(client.read().get("message").asText().contains("reserved header byte must be 0, got 9"));
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void payloadsThatAreNotOneObjectGetBadRequestAndTheConnectionStaysOpen() throws Exception {
        String[][] cases = {
            {"{\"op\":", "payload is not valid JSON"},
            {"[1,2]", "must be one JSON object, got an array"},
            {"\"text\"", "got a string"},
            {"{} x", "payload is not valid JSON"},
            {"{}{}", "payload is not valid JSON"},
            {"", "payload is empty"},
            {"{\"a\":1,\"a\":2}", "Duplicate field 'a'"},
            {"[".repeat(40) + "]".repeat(40), "nesting depth"},
            {"{\"n\":" + "9".repeat(100) + "}", "Number value length"},
            {"{\"id\":{\"x\":1},\"op\":\"echo\"}", "\"id\" must be a string or a number, got an object"},
            {"{\"id\":null,\"op\":\"echo\"}", "\"id\" must be a string or a number, got null"},
        };
        try (FrameClient client = FrameClient.connect(socket)) {
            for (String[] c : cases) {
                ObjectNode answer = client.ask(c[0]);
                assertEquals("bad_request", answer.get("error").asText(), c[0]);
                assertFalse(answer.get("ok").asBoolean());
                assertTrue(answer.get("message").asText().contains(c[1]), answer.toString());
            }
            client.sendRaw(FrameClient.frame((byte) 1, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}));
            assertEquals("bad_request", client.read().get("error").asText());
            assertEquals("{\"id\":\"after\",\"ok\":true,\"echo\":1}",
                    client.ask("{\"id\":\"after\",\"op\":\"echo\",\"value\":1}").toString());
        }
        assertEquals(1, fixture.handler.calls.get());
    }

    @Test
    void framesSplitAcrossWritesAreReassembled() throws Exception {
        byte[] second = FrameClient.frame("{\"id\":2,\"op\":\"echo\",\"value\":\"split\"}");
        try (FrameClient client = FrameClient.connect(socket)) {
            // The server must have read the partial header of the second frame to answer the first.
            client.sendRaw(concat(FrameClient.frame("{\"id\":1,\"op\":\"echo\"}"), Arrays.copyOfRange(second, 0, 3)));
            assertEquals(1, client.read().get("id").asInt());
            client.sendRaw(Arrays.copyOfRange(second, 3, 11));
            client.sendRaw(Arrays.copyOfRange(second, 11, second.length));
            assertEquals("{\"id\":2,\"ok\":true,\"echo\":\"split\"}", client.read().toString());
        }
    }

    @Test
    void handlerExceptionsBecomeInternalErrors() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            ObjectNode thrown = client.ask("{\"id\":1,\"op\":\"throw\"}");
            assertEquals("{\"id\":1,\"ok\":false,\"error\":\"internal\","
                    + "\"message\":\"request failed: IllegalStateException: boom in handle()\"}", thrown.toString());
            ObjectNode failed = client.ask("{\"id\":2,\"op\":\"fail\"}");
            assertEquals("internal", failed.get("error").asText());
            assertTrue(failed.get("message").asText().contains("boom in the future"), failed.toString());
            ObjectNode none = client.ask("{\"id\":3,\"op\":\"none\"}");
            assertEquals("request failed: IllegalStateException: the handler returned no future",
                    none.get("message").asText());
            assertEquals(4, client.ask("{\"id\":4,\"op\":\"echo\"}").get("id").asInt());
        }
    }

    @Test
    void answerOverTheLimitBecomesInternalError() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            ObjectNode answer = client.ask("{\"id\":1,\"op\":\"big\",\"chars\":" + ServerFixture.TEST_MAX_PAYLOAD_BYTES + "}");
            assertEquals("internal", answer.get("error").asText());
            assertTrue(answer.get("message").asText().contains("more than this socket's limit"), answer.toString());
        }
    }

    @Test
    void answersStillArriveAfterTheClientShutsDownItsOutput() throws Exception {
        try (FrameClient client = FrameClient.connect(socket)) {
            client.send("{\"id\":1,\"op\":\"hold\",\"key\":\"late\"}");
            client.shutdownOutput();
            fixture.handler.awaitHeld("late");
            fixture.handler.complete("late", "still delivered");
            assertEquals("still delivered", client.read().get("result").asText());
            assertTrue(client.closedByServer());
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        Arrays.stream(parts).forEach(all::put);
        return all.array();
    }
}
