package org.allocd.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a site program (the alert command, the MTA's sendmail) without a shell: a clean environment
 * (the daemon's own is not passed on), text on stdin, stdout dropped, stderr to allocd's own (the
 * system journal under systemd), killed with what it started after the timeout.
 */
public final class Program {
    private static final Logger log = LoggerFactory.getLogger(Program.class);
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final long KILL_WAIT_MILLIS = 1_000;

    private Program() {}

    /**
     * True when the program ran and exited 0; anything else is logged as "WHAT: why" and is false.
     * env: the variables it gets besides PATH.
     */
    public static boolean run(String what, List<String> command, Map<String, String> env, byte[] stdin,
            long timeoutSeconds) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().put("PATH", PATH);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            log.warn("{}: cannot run {}: {}; will retry", what, command.get(0), e.getMessage());
            return false;
        }
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // A program that does not read its stdin is fine; its exit status decides.
                log.debug("{}: stdin not read: {}", what, e.getMessage());
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                kill(process);
                log.warn("{}: {} did not finish within {} s and was killed; will retry", what, command.get(0),
                        timeoutSeconds);
                return false;
            }
            if (process.exitValue() != 0) {
                log.warn("{}: {} exited with status {}; will retry", what, command.get(0), process.exitValue());
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void kill(Process process) {
        // The program first, then what it started: killed the other way round, a shell
        // would go on to its next line (and deliver) once its child died.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(KILL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
