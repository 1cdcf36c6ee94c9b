package org.allocd.config;

import java.util.Objects;

/** The whole validated config file: what needs a restart to change, and what a SIGHUP may reload. */
public record AllocdConfig(RestartConfig restart, ReloadableConfig reloadable) {
    public AllocdConfig {
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(reloadable, "reloadable");
    }
}
