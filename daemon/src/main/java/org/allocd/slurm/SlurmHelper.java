package org.allocd.slurm;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One running allocd-slurm process (slurm-hooks/allocd_slurm.c): libslurm
 * outside the JVM, asked one request at a time over its stdin and stdout in
 * the frames described there. Not thread-safe; {@link SlurmShim} serialises
 * the calls and kills the process when one takes too long.
 */
final class SlurmHelper {
    /** The ready frame of the protocol this class speaks. */
    static final String READY = "allocd-slurm 1";
    private static final int NO_TEXT = -1;
    /** Bounds an answer: a listing of every pending job stays far below it. */
    private static final int MAX_ANSWER_BYTES = 64 << 20;
    /** The last lines of the helper's stderr kept to say why it died. */
    private static final int STDERR_LINES = 4;
    private static final int STDERR_LINE_CHARS = 400;
    /** How long a helper that closed its answers gets to exit and finish its last stderr lines. */
    private static final long DEATH_WAIT_MILLIS = 500;

    /** An answer: rc 0 and the shim's text, or a Slurm error code and its text. */
    record Answer(int rc, String text) {}

    private final Process process;
    private final DataOutputStream requests;
    private final DataInputStream answers;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread drain;
    private volatile boolean killed;

    private SlurmHelper(Process process) {
        this.process = process;
        this.requests = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.answers = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        this.drain = new Thread(this::drainStderr, "allocd-slurm-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /** Starts the helper; it reads slurm.conf (slurmConf, else SLURM_CONF or Slurm's default) before it is ready. */
    static SlurmHelper start(Path program, Optional<Path> slurmConf) throws IOException {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        slurmConf.ifPresent(conf -> command.add(conf.toString()));
        return new SlurmHelper(new ProcessBuilder(command).start());
    }

    /** Waits for the ready frame; throws when the helper died first or speaks another protocol. */
    void awaitReady() throws IOException {
        Answer ready = read();
        if (ready.rc() != 0 || !ready.text().equals(READY)) {
            throw new IOException("helper said \"" + ready.text() + "\", expected \"" + READY
                    + "\" (helper and daemon built from different releases?)");
        }
    }

    /** Sends one request and waits for its answer (no bound here: the caller kills the process). */
    Answer ask(char op, long jobId, String text) throws IOException {
        requests.writeByte(op);
        requests.writeInt((int) jobId);
        if (text == null) {
            requests.writeInt(NO_TEXT);
        } else {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            requests.writeInt(bytes.length);
            requests.write(bytes);
        }
        requests.flush();
        return read();
    }

    private Answer read() throws IOException {
        int rc = answers.readInt();
        int length = answers.readInt();
        if (length < 0 || length > MAX_ANSWER_BYTES) {
            throw new IOException("helper answer of " + Integer.toUnsignedString(length) + " bytes");
        }
        byte[] text = new byte[length];
        answers.readFully(text);
        return new Answer(rc, new String(text, StandardCharsets.UTF_8));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Kills it (the watchdog does, when a call takes too long); a read waiting on it then fails. */
    void kill() {
        killed = true;
        process.destroyForcibly();
    }

    /** True once {@link #kill} was called: a failed read was the bound, not the helper's own death. */
    boolean killed() {
        return killed;
    }

    /** Closes its stdin (it exits by itself) and kills it if it has not within waitMillis. */
    void stop(long waitMillis) {
        try {
            requests.close();
            if (!process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    /** Why it stopped answering, for the log: how it ended and the last lines it wrote (libslurm's fatal()). */
    String death(IOException failure) {
        StringBuilder why = new StringBuilder();
        try {
            if (process.waitFor(DEATH_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                drain.join(DEATH_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive()) {
            why.append("allocd-slurm exited with status ").append(process.exitValue());
        } else {
            why.append(failure instanceof EOFException ? "allocd-slurm closed its answers" : failure.getMessage());
        }
        String said = said();
        if (!said.isEmpty()) {
            why.append(": ").append(said);
        }
        return why.toString();
    }

    /** The last lines the helper wrote to stderr, joined by " / ". */
    String said() {
        synchronized (stderrTail) {
            return String.join(" / ", stderrTail);
        }
    }

    /** Keeps the last few lines (each cut to a bound) so that a chatty helper never fills a pipe or the heap. */
    private void drainStderr() {
        try (InputStream err = process.getErrorStream()) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = err.read()) != -1) {
                if (c == '\n') {
                    keep(line.toString());
                    line.setLength(0);
                } else if (line.length() < STDERR_LINE_CHARS) {
                    line.append((char) c);
                }
            }
            if (line.length() > 0) {
                keep(line.toString());
            }
        } catch (IOException ended) {
            // The process is gone; what it said is kept.
        }
    }

    private void keep(String line) {
        synchronized (stderrTail) {
            if (stderrTail.size() == STDERR_LINES) {
                stderrTail.removeFirst();
            }
            stderrTail.addLast(line.strip());
        }
    }
}
