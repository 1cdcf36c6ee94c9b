package org.allocd.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.allocd.munge.Munge;
import org.allocd.remote.RequestSeal;

/**
 * Load on allocd's TCP door: CLIENTS connections, each sending sealed {"op":"balances"} requests (what allocmgr
 * balance sends; a fresh MUNGE credential each, from the local munged) one after another for SECONDS.
 * Prints one line with the answers counted by outcome and the round-trip latencies. Usage: RemoteLoad HOST PORT MUNGE_SOCKET CLIENTS SECONDS
 */
public final class RemoteLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RemoteLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: RemoteLoad HOST PORT MUNGE_SOCKET CLIENTS SECONDS");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        Munge munge = Munge.at(Path.of(args[2]));
        int clients = Integer.parseInt(args[3]);
        long endNanos = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        byte[] request = "{\"op\":\"balances\"}".getBytes(StandardCharsets.UTF_8);
        AtomicLong ok = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Latencies mine = new Latencies(200_000);
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                try (Socket socket = new Socket(host, port)) {
                    socket.setTcpNoDelay(true);
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    while (System.nanoTime() < endNanos) {
                        long start = System.nanoTime();
                        byte[] payload = JSON.writeValueAsBytes(RequestSeal.seal(munge, request, 0));
                        out.write(new byte[] {'A', 'L', 1, 0});
                        out.writeInt(payload.length);
                        out.write(payload);
                        out.flush();
                        in.readFully(new byte[4]);
                        byte[] answer = new byte[in.readInt()];
                        in.readFully(answer);
                        mine.add(System.nanoTime() - start);
                        ObjectNode parsed = (ObjectNode) JSON.readTree(answer);
                        (parsed.path("ok").asBoolean() ? ok : refused).incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("remote clients=" + clients + " ok=" + ok + " refused=" + refused + " failed_clients="
                + failed + " " + Latencies.merge(latencies).summary());
    }
}
