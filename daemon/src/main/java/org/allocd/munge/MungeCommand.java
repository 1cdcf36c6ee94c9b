package org.allocd.munge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Credentials from Debian's munge command (package munge, which a node running munged has): it reads the payload
 * on stdin and prints the credential. allocmgr uses it because starting it costs a one-shot call a few
 * milliseconds, where loading libmunge through JNA (its native part unpacked, and `ldconfig -p` run) costs tens.
 */
public final class MungeCommand implements MungeEncoder {
    /** A credential is a few hundred bytes; anything longer is not munge's answer. */
    private static final int MAX_OUTPUT_BYTES = 64 * 1024;
    private static final long TIMEOUT_SECONDS = 10;

    private final Path socket;

    public MungeCommand(Path socket) {
        this.socket = socket;
    }

    @Override
    public String encode(byte[] payload, int ttlSeconds) {
        List<String> command = new ArrayList<>(List.of("munge", "--socket=" + socket));
        if (ttlSeconds > 0) {
            command.add("--ttl=" + ttlSeconds);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new MungeException(MungeException.Kind.UNAVAILABLE, "the munge command is not installed on this"
                    + " host (Debian: apt-get install munge): " + e.getMessage());
        }
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(payload);
            } catch (IOException closedEarly) {
                // munge may exit before it reads (a socket it cannot use): its exit status and stderr say why.
            }
            // What munge prints fits in the pipes, so it finishes without being read first.
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new MungeException(MungeException.Kind.UNAVAILABLE, "the munge command did not finish within "
                        + TIMEOUT_SECONDS + " s; is munged at " + socket + " stuck? (systemctl status munge)");
            }
            byte[] out = readBounded(process.getInputStream());
            byte[] err = readBounded(process.getErrorStream());
            int exit = process.exitValue();
            if (exit != 0) {
                // munge exits with libmunge's error code and says why on stderr ("munge: Error: ...").
                String text = new String(err, StandardCharsets.UTF_8).strip().replaceFirst("^munge: Error: ", "");
                throw MungeException.refused(exit, "making a credential", text, socket);
            }
            String credential = new String(out, StandardCharsets.US_ASCII).strip();
            if (!credential.startsWith("MUNGE:")) {
                throw new MungeException(MungeException.Kind.OTHER, "the munge command printed no credential");
            }
            return credential;
        } catch (IOException e) {
            throw new MungeException(MungeException.Kind.OTHER, "cannot run the munge command: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MungeException(MungeException.Kind.OTHER, "interrupted while waiting for the munge command");
        } finally {
            process.destroy();
        }
    }

    private static byte[] readBounded(InputStream stream) throws IOException {
        try (stream) {
            byte[] bytes = stream.readNBytes(MAX_OUTPUT_BYTES);
            if (stream.read() >= 0) {
                throw new IOException("it printed more than " + MAX_OUTPUT_BYTES + " bytes");
            }
            return bytes;
        }
    }
}
