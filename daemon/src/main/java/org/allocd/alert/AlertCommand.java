package org.allocd.alert;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.allocd.mail.Program;

/**
 * Runs the site's alert command for one alert: arguments ALERT_KEY ACCOUNT, the alert as JSON on
 * stdin and in ALLOCD_* variables (Program: no shell, clean environment, killed after the timeout).
 */
final class AlertCommand {
    private AlertCommand() {}

    /** True when the command ran and exited 0; anything else is logged and the alert is tried again later. */
    static boolean deliver(Path command, long timeoutSeconds, Alert alert) {
        return Program.run("alert " + alert.key() + " of " + alert.account(),
                List.of(command.toString(), alert.key(), alert.account()),
                Map.of("ALLOCD_ALERT", alert.kind(), "ALLOCD_ALERT_KEY", alert.key(), "ALLOCD_ACCOUNT",
                        alert.account(), "ALLOCD_COORDINATORS", coordinators(alert), "ALLOCD_MESSAGE",
                        alert.message()),
                alert.payload().toString().getBytes(StandardCharsets.UTF_8), timeoutSeconds);
    }

    private static String coordinators(Alert alert) {
        StringBuilder names = new StringBuilder();
        alert.payload().path("coordinators").forEach(n -> names.append(names.length() == 0 ? "" : ",").append(n.asText()));
        return names.toString();
    }
}
