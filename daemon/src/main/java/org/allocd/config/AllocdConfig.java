package org.allocd.config;

import java.util.Objects;

/**
 * The whole validated config file: what needs a restart to change, what a SIGHUP may reload, and the settings in
 * effect as text for the log.
 */
public record AllocdConfig(RestartConfig restart, ReloadableConfig reloadable, EffectiveConfig effective) {
    public AllocdConfig {
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(reloadable, "reloadable");
        Objects.requireNonNull(effective, "effective");
    }
}
