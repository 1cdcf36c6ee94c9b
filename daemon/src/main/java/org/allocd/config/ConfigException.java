package org.allocd.config;

import java.util.List;
import java.util.stream.Collectors;

/** The config file could not be used. Carries every problem found, in file order, so an admin fixes them in one pass. */
public final class ConfigException extends Exception {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        // An expected error: the message is the whole story, a stack trace would only hide it.
        super(describe(errors), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String describe(List<ConfigError> errors) {
        String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
        return count + " in the allocd config:\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
    }
}
