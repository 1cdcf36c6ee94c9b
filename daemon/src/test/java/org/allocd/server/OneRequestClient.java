package org.allocd.server;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sends one request (the JSON in args[1], else an echo) and prints the answer's payload, or "EOF". Run as its own process (under
 * setpriv) by {@link PeerPolicyTest}, so it uses only the JDK and no other class of the project.
 */
public final class OneRequestClient {
    private OneRequestClient() {}

    public static void main(String[] args) throws IOException {
        String json = args.length > 1 ? args[1] : "{\"id\":\"probe\",\"op\":\"echo\",\"value\":\"hi\"}";
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer request = ByteBuffer.allocate(8 + payload.length);
        request.put((byte) 'A').put((byte) 'L').put((byte) 1).put((byte) 0).putInt(payload.length).put(payload).flip();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
            try {
                while (request.hasRemaining()) {
                    channel.write(request);
                }
            } catch (IOException e) {
                // A refused peer may be closed before its request is read; the refusal is still waiting to be read.
            }
            ByteBuffer header = ByteBuffer.allocate(8);
            if (!readFully(channel, header)) {
                System.out.println("EOF");
                return;
            }
            ByteBuffer answer = ByteBuffer.allocate(header.getInt(4));
            if (!readFully(channel, answer)) {
                System.out.println("EOF");
                return;
            }
            System.out.println(new String(answer.array(), StandardCharsets.UTF_8));
        }
    }

    private static boolean readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }
}
