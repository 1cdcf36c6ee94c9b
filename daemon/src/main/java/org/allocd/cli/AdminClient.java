package org.allocd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.allocd.munge.MungeEncoder;
import org.allocd.munge.MungeException;
import org.allocd.remote.RequestSeal;

/**
 * One request, one answer over allocd's admin socket, or its TCP door from another node (docs/protocol.md:
 * 'A','L',1,0, u32 big-endian length, one JSON object). Every step is bounded
 * by one deadline so a stuck daemon cannot hang an admin's shell.
 */
public final class AdminClient {
    /** The admin socket's maximum payload; answers never exceed it. */
    static final int MAX_PAYLOAD_BYTES = 1 << 20;

    private final SocketAddress address;
    /** The door as a person would name it, in messages: a socket path or host:port. */
    private final String socket;
    /** What to check when it cannot be reached. */
    private final String reachHint;
    /** Seals each request with a credential for the TCP door; null on the unix socket. */
    private final MungeEncoder munge;
    private final long timeoutMillis;

    public AdminClient(Path socket, long timeoutMillis) {
        this(UnixDomainSocketAddress.of(socket), socket.toString(), "is it running? (systemctl status allocd)", null,
                timeoutMillis);
    }

    private AdminClient(SocketAddress address, String socket, String reachHint, MungeEncoder munge,
            long timeoutMillis) {
        this.address = address;
        this.socket = socket;
        this.reachHint = reachHint;
        this.munge = munge;
        this.timeoutMillis = timeoutMillis;
    }

    /** allocd's TCP door (admin_listen) on another host; every request carries a credential from this host's munged. */
    public static AdminClient remote(String host, int port, MungeEncoder munge, long timeoutMillis) {
        return new AdminClient(InetSocketAddress.createUnresolved(host, port), host + ":" + port,
                "check ALLOCD_SERVER or /etc/allocd/allocmgr.conf, that allocd has admin_listen set, and the firewall",
                munge, timeoutMillis);
    }

    /** Sends the request and returns the daemon's answer (ok or not); fails only when no answer came. */
    public ObjectNode ask(ObjectNode request) {
        byte[] payload = JsonTree.bytes(request);
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new AdminClientException("the request is " + payload.length + " bytes, more than the admin socket"
                    + " takes (" + MAX_PAYLOAD_BYTES + "); shorten the note or description");
        }
        if (munge != null) {
            payload = sealed(payload);
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        try (SocketChannel channel = connect(); Selector selector = Selector.open()) {
            channel.register(selector, 0);
            ByteBuffer out = ByteBuffer.allocate(8 + payload.length);
            out.put((byte) 'A').put((byte) 'L').put((byte) 1).put((byte) 0).putInt(payload.length).put(payload).flip();
            try {
                while (out.hasRemaining()) {
                    await(selector, channel, SelectionKey.OP_WRITE, deadline);
                    channel.write(out);
                }
            } catch (IOException closedEarly) {
                // A peer may close before reading a request it refuses; its answer can still be read (protocol.md).
            }
            ByteBuffer header = read(selector, channel, ByteBuffer.allocate(8), deadline);
            if (header.get(0) != 'A' || header.get(1) != 'L' || header.get(2) != 1 || header.get(3) != 0) {
                throw new AdminClientException(socket + " answered with something other than an allocd frame;"
                        + " check that admin_socket in allocd.conf is the path given here");
            }
            long length = Integer.toUnsignedLong(header.getInt(4));
            if (length > MAX_PAYLOAD_BYTES) {
                throw new AdminClientException("allocd answered with " + length + " bytes, more than the protocol allows");
            }
            ByteBuffer body = read(selector, channel, ByteBuffer.allocate((int) length), deadline);
            JsonNode answer = JsonTree.read(body.array());
            if (!(answer instanceof ObjectNode object)) {
                throw new AdminClientException("allocd answered with something other than a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new AdminClientException("lost the connection to allocd at " + socket + ": " + e.getMessage());
        }
    }

    private byte[] sealed(byte[] request) {
        try {
            return JsonTree.bytes(RequestSeal.seal(munge, request, 0));
        } catch (MungeException e) {
            throw new AdminClientException("cannot prove who you are to allocd at " + socket + ": " + e.getMessage());
        }
    }

    private SocketChannel connect() {
        try {
            SocketAddress target = address instanceof InetSocketAddress inet && inet.isUnresolved()
                    ? new InetSocketAddress(inet.getHostString(), inet.getPort()) : address;
            SocketChannel channel = target instanceof UnixDomainSocketAddress
                    ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            channel.configureBlocking(false);
            if (!channel.connect(target)) {
                try (Selector selector = Selector.open()) {
                    channel.register(selector, SelectionKey.OP_CONNECT);
                    if (selector.select(timeoutMillis) == 0) {
                        channel.close();
                        throw new IOException("no answer to the connection within " + timeoutMillis + " ms");
                    }
                    channel.finishConnect();
                }
            }
            return channel;
        } catch (IOException | java.nio.channels.UnresolvedAddressException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new AdminClientException("cannot reach allocd at " + socket + ": " + reachHint + " [" + reason + "]");
        }
    }

    private ByteBuffer read(Selector selector, SocketChannel channel, ByteBuffer buffer, long deadline)
            throws IOException {
        while (buffer.hasRemaining()) {
            await(selector, channel, SelectionKey.OP_READ, deadline);
            if (channel.read(buffer) < 0) {
                throw new AdminClientException("allocd at " + socket + " closed the connection before answering;"
                        + " see its log (journalctl -u allocd)");
            }
        }
        return buffer.flip();
    }

    private void await(Selector selector, SocketChannel channel, int op, long deadline) throws IOException {
        channel.keyFor(selector).interestOps(op);
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0 || selector.select(leftMillis) == 0) {
            throw new AdminClientException("allocd at " + socket + " did not answer within " + timeoutMillis
                    + " ms; it may be overloaded or stuck (systemctl status allocd)");
        }
        selector.selectedKeys().clear();
    }
}
