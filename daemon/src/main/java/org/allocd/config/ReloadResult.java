package org.allocd.config;

import java.util.List;

/**
 * What one reload did.
 *
 * @param applied      false when the file had errors and the running config was kept whole
 * @param changes      reloadable settings now in effect, as "key old -> new"
 * @param needsRestart restart-only keys that differ in the file (their running values are kept)
 * @param errors       why the file was refused, when not applied
 */
public record ReloadResult(boolean applied, List<String> changes, List<String> needsRestart, List<ConfigError> errors) {
    public ReloadResult {
        changes = List.copyOf(changes);
        needsRestart = List.copyOf(needsRestart);
        errors = List.copyOf(errors);
    }
}
