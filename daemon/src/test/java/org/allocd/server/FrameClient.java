package org.allocd.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A plain blocking java.nio client, written from docs/protocol.md as a C client would be. */
public final class FrameClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketChannel channel;

    private FrameClient(SocketChannel channel) {
        this.channel = channel;
    }

    public static FrameClient connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return new FrameClient(channel);
    }

    /** The same frames over TCP (the remote door). */
    public static FrameClient connect(String host, int port) throws IOException {
        return new FrameClient(SocketChannel.open(new java.net.InetSocketAddress(host, port)));
    }

    public static byte[] frame(byte version, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(8 + payload.length);
        frame.put((byte) 'A').put((byte) 'L').put(version).put((byte) 0).putInt(payload.length).put(payload);
        return frame.array();
    }

    public static byte[] frame(String json) {
        return frame((byte) 1, json.getBytes(StandardCharsets.UTF_8));
    }

    public void send(String json) throws IOException {
        sendRaw(frame(json));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Reads one answer frame and checks its header. */
    public ObjectNode read() throws IOException {
        ByteBuffer header = readFully(8);
        if (header.get(0) != 'A' || header.get(1) != 'L' || header.get(2) != 1 || header.get(3) != 0) {
            throw new IOException("answer has a bad header");
        }
        int length = header.getInt(4);
        return (ObjectNode) JSON.readTree(readFully(length).array());
    }

    public ObjectNode ask(String json) throws IOException {
        send(json);
        return read();
    }

    /** True once the server has closed the connection (EOF or reset), with no further bytes. */
    public boolean closedByServer() throws IOException {
        try {
            return channel.read(ByteBuffer.allocate(1)) == -1;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    private ByteBuffer readFully(int bytes) throws IOException {
        return readFully(channel, bytes);
    }

    /** Reads exactly bytes from the channel, or fails with how many came before the server closed it. */
    public static ByteBuffer readFully(SocketChannel channel, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("server closed the connection after " + buffer.position() + " of " + bytes
                        + " bytes");
            }
        }
        return buffer.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
