package org.allocd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.allocd.metrics.MetricsRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages answered chunked (the portal's downloads) over real TCP: every chunk arrives in order and the
 * connection serves the next request; a client that goes away stops the body; a body that fails midway cuts
 * the transfer instead of ending it as if complete.
 */
class ChunkedPagesTest {
    @TempDir
    Path dir;

    private final ExecutorService bodyThreads = Executors.newFixedThreadPool(2);
    private final ExecutorService routeExecutor = Executors.newFixedThreadPool(2);
    private final AtomicInteger endlessChunks = new AtomicInteger();
    private final CountDownLatch endlessAbandoned = new CountDownLatch(1);
    private HttpApiServer server;

    @BeforeEach
    void start() throws Exception {
        Path keysFile = KeysFiles.write(dir.resolve("api-keys"), "rw-------", "# none");
        server = HttpApiServer.start(HttpApiConfig.of("127.0.0.1", 0), new ApiRouter(), ApiKeys.load(keysFile),
                List::of, new MetricsRegistry(), routeExecutor, Clock.systemUTC(), this::page);
    }

    @AfterEach
    void stop() {
        server.close();
        bodyThreads.shutdownNow();
        routeExecutor.shutdownNow();
    }

    /** /lines: 500 chunks of 100 lines; /endless: 64 KB chunks until abandoned; /fails: fails at its third chunk. */
    private CompletableFuture<PageResponse> page(PageRequest request) {
        ChunkedBody body = switch (request.path()) {
            case "/lines" -> new Body(i -> i < 500 ? lines(i) : null, () -> { });
            case "/endless" -> new Body(i -> {
                endlessChunks.incrementAndGet();
                return new byte[64 * 1024];
            }, endlessAbandoned::countDown);
            case "/fails" -> new Body(i -> {
                if (i == 2) {
                    throw new IllegalStateException("the store went away");
                }
                return lines(i);
            }, () -> { });
            default -> null;
        };
        if (body == null) {
            return CompletableFuture.completedFuture(new PageResponse(404, "text/plain", new byte[0], List.of()));
        }
        return CompletableFuture.completedFuture(new PageResponse(200, "text/plain; charset=utf-8",
                "first\n".getBytes(StandardCharsets.UTF_8), List.of(Map.entry("X-Test", "yes")), body));
    }

    private static byte[] lines(int chunk) {
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 100; line++) {
            text.append(chunk).append('.').append(line).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private interface Chunks {
        byte[] make(int index);
    }

    /** Makes chunk i on a thread of its own, as the portal reads a page on its threads. */
    private final class Body implements ChunkedBody {
        private final Chunks chunks;
        private final Runnable onAbandon;
        private int made;

        Body(Chunks chunks, Runnable onAbandon) {
            this.chunks = chunks;
            this.onAbandon = onAbandon;
        }

        @Override
        public CompletableFuture<byte[]> next() {
            return CompletableFuture.supplyAsync(() -> chunks.make(made++), bodyThreads);
        }

        @Override
        public void abandon() {
            onAbandon.run();
        }
    }

    @Test
    void everyChunkArrivesInOrderAndTheConnectionGoesOn() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        StringBuilder expected = new StringBuilder("first\n");
        for (int i = 0; i < 500; i++) {
            expected.append(new String(lines(i), StandardCharsets.UTF_8));
        }
        for (int round = 0; round < 2; round++) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri("/lines")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertEquals("yes", answer.headers().firstValue("x-test").orElseThrow());
            assertEquals("chunked", answer.headers().firstValue("transfer-encoding").orElseThrow());
            assertEquals(expected.toString(), answer.body(), "round " + round);
        }
    }

    @Test
    void aClientThatGoesAwayStopsTheBody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] some = in.readNBytes(256 * 1024);
            assertTrue(new String(some, 0, 100, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200 OK"));
        }
        assertTrue(endlessAbandoned.await(10, TimeUnit.SECONDS), "the body was told the client went away");
        int made = endlessChunks.get();
        Thread.sleep(500);
        assertEquals(made, endlessChunks.get(), "no chunk is made after that");
    }

    @Test
    void aBodyThatFailsCutsTheTransfer() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(uri("/fails")).build(),
                HttpResponse.BodyHandlers.ofString()), "a cut transfer, never a body that looks whole");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
