package org.allocd.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Alerts and the burn-rate forecast (reloadable).
 *
 * @param command        executable run once per alert, without a shell, the alert as JSON on stdin; empty = no alerts
 * @param timeoutSeconds how long one run of the command may take before it is killed (and retried later)
 * @param expiryDays     alert this many days before an allocation with money left ends; 0 = off
 * @param runoutDays     alert when the forecast says the account runs out within this many days; 0 = off
 * @param forecastDays   the days of charges the burn rate is measured over
 */
public record AlertConfig(Optional<Path> command, long timeoutSeconds, long expiryDays, long runoutDays,
        long forecastDays) {
    public static final long DEFAULT_TIMEOUT_SECONDS = 10;
    public static final long DEFAULT_EXPIRY_DAYS = 14;
    public static final long DEFAULT_FORECAST_DAYS = 14;
    static final long MAX_TIMEOUT_SECONDS = 600;
    static final long MAX_DAYS = 366;

    public AlertConfig {
        Objects.requireNonNull(command, "command");
    }

    public static AlertConfig defaults() {
        return new AlertConfig(Optional.empty(), DEFAULT_TIMEOUT_SECONDS, DEFAULT_EXPIRY_DAYS, 0,
                DEFAULT_FORECAST_DAYS);
    }

    /** Reads the alert keys of the global section. */
    static AlertConfig read(SectionReader global) {
        return new AlertConfig(global.optional("alert_command", Values.absolutePath()),
                global.value("alert_timeout_seconds", DEFAULT_TIMEOUT_SECONDS, Values.longInRange(1, MAX_TIMEOUT_SECONDS)),
                global.value("alert_expiry_days", DEFAULT_EXPIRY_DAYS, Values.longInRange(0, MAX_DAYS)),
                global.value("alert_runout_days", 0L, Values.longInRange(0, MAX_DAYS)),
                global.value("forecast_days", DEFAULT_FORECAST_DAYS, Values.longInRange(1, MAX_DAYS)));
    }
}
