package org.allocd.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.allocd.server.FrameClient;

/**
 * A frame client whose every exchange is bounded: a watchdog closes the channel at the deadline, so a
 * daemon that hangs fails the test with "timed out" instead of hanging it.
 */
public final class WireClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "wire-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final SocketChannel channel;
    private final long timeoutMillis;
    private volatile boolean timedOut;

    private WireClient(SocketChannel channel, long timeoutMillis) {
        this.channel = channel;
        this.timeoutMillis = timeoutMillis;
    }

    static WireClient connect(Path socket, long timeoutMillis) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new WireClient(channel, timeoutMillis);
    }

    /** One request, one answer. */
    public static ObjectNode ask(Path socket, String json, long timeoutMillis) throws IOException {
        try (WireClient client = connect(socket, timeoutMillis)) {
            return client.ask(json);
        }
    }

    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).put((byte) 'A').put((byte) 'L').put((byte) 1).put((byte) 0)
                .putInt(payload.length).put(payload).array();
    }

    ObjectNode ask(String json) throws IOException {
        write(frame(json.getBytes(StandardCharsets.UTF_8)));
        return read();
    }

    void write(byte[] bytes) throws IOException {
        bounded(() -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            return null;
        });
    }

    /** Reads one answer frame; the whole read is bounded by the timeout. */
    ObjectNode read() throws IOException {
        return bounded(() -> {
            ByteBuffer header = readFully(8);
            if (header.get(0) != 'A' || header.get(1) != 'L' || header.get(2) != 1 || header.get(3) != 0) {
                throw new IOException("answer has a bad header");
            }
            return (ObjectNode) JSON.readTree(readFully(header.getInt(4)).array());
        });
    }

    /** Half-closes: the server sees EOF after what was sent. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /**
     * Reads answer frames until the server closes, all within the timeout. A frame cut short by the close, or
     * a reset, ends the list. Throws only on a timeout (a hang) or a malformed answer frame.
     */
    List<ObjectNode> readUntilClosed() throws IOException {
        List<ObjectNode> answers = new ArrayList<>();
        bounded(() -> {
            while (true) {
                ByteBuffer header = ByteBuffer.allocate(8);
                try {
                    while (header.hasRemaining()) {
                        if (channel.read(header) < 0) {
                            return null;
                        }
                    }
                } catch (IOException e) {
                    if (timedOut) {
                        throw e;
                    }
                    return null;
                }
                header.flip();
                if (header.get(0) != 'A' || header.get(1) != 'L' || header.get(2) != 1 || header.get(3) != 0) {
                    throw new IOException("answer has a bad header");
                }
                answers.add((ObjectNode) JSON.readTree(readFully(header.getInt(4)).array()));
            }
        });
        return answers;
    }

    /** True when the server closed the connection (EOF or reset) within the timeout. */
    boolean closedByServer() throws IOException {
        try {
            return bounded(() -> channel.read(ByteBuffer.allocate(1)) == -1);
        } catch (IOException e) {
            if (timedOut) {
                throw e;
            }
            return true;
        }
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    private <T> T bounded(Io<T> io) throws IOException {
        ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
            timedOut = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is the alarm; the blocked call reports it
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            return io.run();
        } catch (IOException e) {
            if (timedOut) {
                throw new IOException("timed out after " + timeoutMillis + " ms", e);
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    private ByteBuffer readFully(int bytes) throws IOException {
        return FrameClient.readFully(channel, bytes);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
