package org.allocd.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * "Another node" on this machine: a network namespace the test makes, joined to the host by a veth pair
 * with addresses from a /30 of the documentation range 203.0.113.0/24 (test-made, never routed anywhere).
 * Unix sockets are files, so the node still reaches munged's socket, as a login node reaches its own.
 */
final class OtherNode implements AutoCloseable {
    final String namespace;
    /** The host's end: allocd listens here. */
    final String hostAddress;
    final String nodeAddress;
    private final String hostLink;

    private OtherNode(String namespace, String hostLink, String hostAddress, String nodeAddress) {
        this.namespace = namespace;
        this.hostLink = hostLink;
        this.hostAddress = hostAddress;
        this.nodeAddress = nodeAddress;
    }

    /** Whether this process may make namespaces and links (root with the ip command). */
    static boolean possible() {
        try {
            run(List.of("ip", "netns", "list"));
            return "root".equals(System.getProperty("user.name"));
        } catch (IOException e) {
            return false;
        }
    }

    static OtherNode create() throws IOException {
        int tag = ThreadLocalRandom.current().nextInt(1 << 20);
        int quad = ThreadLocalRandom.current().nextInt(1, 63) * 4;
        String ns = "allocd-node-" + tag;
        String hostLink = "alh" + tag;
        String nodeLink = "aln" + tag;
        OtherNode node = new OtherNode(ns, hostLink, "203.0.113." + (quad + 1), "203.0.113." + (quad + 2));
        try {
            run(List.of("ip", "netns", "add", ns));
            run(List.of("ip", "link", "add", hostLink, "type", "veth", "peer", "name", nodeLink));
            run(List.of("ip", "link", "set", nodeLink, "netns", ns));
            run(List.of("ip", "addr", "add", node.hostAddress + "/30", "dev", hostLink));
            run(List.of("ip", "link", "set", hostLink, "up"));
            run(List.of("ip", "netns", "exec", ns, "ip", "addr", "add", node.nodeAddress + "/30", "dev", nodeLink));
            run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", nodeLink, "up"));
            run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"));
        } catch (IOException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** Starts a command inside the node's namespace. */
    Process start(List<String> command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return new ProcessBuilder(full).start();
    }

    @Override
    public void close() {
        try {
            run(List.of("ip", "link", "del", hostLink));
        } catch (IOException e) {
            // Already gone, or never made: the namespace's end goes with the namespace anyway.
        }
        try {
            run(List.of("ip", "netns", "del", namespace));
        } catch (IOException e) {
            // Never made.
        }
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
