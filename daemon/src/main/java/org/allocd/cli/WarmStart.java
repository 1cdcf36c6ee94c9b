package org.allocd.cli;

import java.io.IOException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Starts, on a second thread, the JDK parts a call reaches only later: the security providers behind SHA-256 (which
 * seals a request for the TCP door) and the network classes and native libraries behind a socket and its selector.
 * Meanwhile the first thread reads the command line and builds its verb; on a node with two cores or more a one-shot
 * call ends that much sooner, and on one core it does the same work as before. Nothing is kept: the first thread
 * makes its own digest and socket, and only finds the JDK ready (or waits for it, as class initialisation does).
 */
final class WarmStart {
    private WarmStart() {}

    static void begin() {
        Thread thread = new Thread(WarmStart::run, "allocmgr-warm-start");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            MessageDigest.getInstance("SHA-256").digest(new byte[1]);
            SocketChannel.open().close();
            Selector.open().close();
        } catch (IOException | NoSuchAlgorithmException | RuntimeException | LinkageError e) {
            // Only a head start: the call itself meets and reports any real problem.
        }
    }
}
