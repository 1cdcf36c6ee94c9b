package org.allocd.alert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the site's alert command for one alert: no shell, arguments ALERT_KEY
 * ACCOUNT, the alert as JSON on stdin and in ALLOCD_* variables, a clean
 * environment (the daemon's own is not passed on), killed after the timeout.
 * stdout is dropped; stderr goes to allocd's own (the system journal under systemd).
 */
final class AlertCommand {
    private static final Logger log = LoggerFactory.getLogger(AlertCommand.class);
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final long KILL_WAIT_MILLIS = 1_000;

    private AlertCommand() {}

    /** True when the command ran and exited 0; anything else is logged and the alert is tried again later. */
    static boolean deliver(Path command, long timeoutSeconds, Alert alert) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command.toString(), alert.key(), alert.account()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", PATH);
        env.put("ALLOCD_ALERT", alert.kind());
        env.put("ALLOCD_ALERT_KEY", alert.key());
        env.put("ALLOCD_ACCOUNT", alert.account());
        env.put("ALLOCD_COORDINATORS", coordinators(alert));
        env.put("ALLOCD_MESSAGE", alert.message());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            log.warn("alert {} of {}: cannot run {}: {}; will retry", alert.key(), alert.account(), command,
                    e.getMessage());
            return false;
        }
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(alert.payload().toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // A command that does not read its stdin is fine; its exit status decides.
                log.debug("alert {} of {}: stdin not read: {}", alert.key(), alert.account(), e.getMessage());
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                kill(process);
                log.warn("alert {} of {}: {} did not finish within {} s and was killed; will retry", alert.key(),
                        alert.account(), command, timeoutSeconds);
                return false;
            }
            if (process.exitValue() != 0) {
                log.warn("alert {} of {}: {} exited with status {}; will retry", alert.key(), alert.account(), command,
                        process.exitValue());
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String coordinators(Alert alert) {
        StringBuilder names = new StringBuilder();
        alert.payload().path("coordinators").forEach(n -> names.append(names.length() == 0 ? "" : ",").append(n.asText()));
        return names.toString();
    }

    private static void kill(Process process) {
        // The command first, then what it started: killed the other way round, a shell
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
