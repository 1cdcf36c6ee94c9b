package org.allocd.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed values out of one section. Every problem becomes a {@link ConfigError} and the caller gets a safe
 * fallback, so loading goes on and all errors are reported together. Remembers which keys it was asked for, so what
 * is left over can be reported as unknown.
 */
final class SectionReader {
    private final String file;
    private final ConfigSection section;
    private final List<ConfigError> errors;
    private final Set<String> knownKeys = new LinkedHashSet<>();
    /** Key prefixes such as "node_class." with the form shown in messages, such as "node_class.NAME". */
    private final Map<String, String> knownPrefixes = new LinkedHashMap<>();
    /** Each key asked for, with the value in effect as text: as written, or the default marked as such. */
    private final Map<String, String> effective = new LinkedHashMap<>();

    SectionReader(String file, ConfigSection section, List<ConfigError> errors) {
        this.file = file;
        this.section = section;
        this.errors = errors;
    }

    /** The value of {@code key}, or {@code fallback} when the key is absent or its value is wrong (then an error is recorded). */
    <T> T value(String key, T fallback, ValueParser<T> parser) {
        knownKeys.add(key);
        ConfigEntry entry = section.entry(key);
        if (entry == null) {
            effective.put(key, parser.text(fallback) + " " + EffectiveConfig.DEFAULT_MARK);
            return fallback;
        }
        effective.put(key, entry.value());
        if (entry.value().isEmpty()) {
            error(entry, "the value is empty; write a value or remove the line to use the default");
            return fallback;
        }
        return parse(entry, parser).orElse(fallback);
    }

    /** For keys that may be left unset: absent or empty means not set. */
    <T> Optional<T> optional(String key, ValueParser<T> parser) {
        knownKeys.add(key);
        ConfigEntry entry = section.entry(key);
        if (entry == null || entry.value().isEmpty()) {
            effective.put(key, EffectiveConfig.NOT_SET);
            return Optional.empty();
        }
        effective.put(key, entry.value());
        return parse(entry, parser);
    }

    /** A key without a default; {@code fix} says what line to add, e.g. {@code add "cluster_name = NAME"}. */
    <T> Optional<T> required(String key, ValueParser<T> parser, String fix) {
        knownKeys.add(key);
        ConfigEntry entry = section.entry(key);
        if (entry == null || entry.value().isEmpty()) {
            int line = entry == null ? section.lastLine() : entry.line();
            errors.add(new ConfigError(file, line, key, "missing required key; " + fix));
            return Optional.empty();
        }
        effective.put(key, entry.value());
        return parse(entry, parser);
    }

    /** All {@code prefix + NAME = value} keys, by NAME; {@code form} names the key in messages, e.g. node_class.NAME. */
    <T> Map<String, T> prefixed(String prefix, String form, ValueParser<T> parser) {
        knownPrefixes.put(prefix, form);
        Map<String, T> values = new LinkedHashMap<>();
        for (ConfigEntry entry : section.entries().values()) {
            if (!entry.key().startsWith(prefix)) {
                continue;
            }
            String name = entry.key().substring(prefix.length());
            if (!ConfigSyntax.SECTION_NAME.matcher(name).matches()) {
                error(entry, "\"" + name + "\" is not a valid name; write " + form
                        + " with letters, digits, _ - . in the name");
            } else if (entry.value().isEmpty()) {
                error(entry, "the value is empty; write " + form + " = value");
            } else {
                effective.put(entry.key(), entry.value());
                parse(entry, parser).ifPresent(value -> values.put(name, value));
            }
        }
        return values;
    }

    /** The entry for {@code key} as written, to attach errors that involve several keys. */
    Optional<ConfigEntry> entry(String key) {
        return Optional.ofNullable(section.entry(key));
    }

    Set<String> knownKeys() {
        return knownKeys;
    }

    /** The value in effect of every key asked for so far, as text, in the order asked. */
    Map<String, String> effective() {
        return effective;
    }

    /**
     * Reports every key nobody asked for. {@code elsewhere} maps keys of other sections to the section they belong in,
     * so a key in the wrong place gets the right advice instead of a spelling suggestion.
     */
    void reportUnknownKeys(Map<String, String> elsewhere) {
        for (ConfigEntry entry : section.entries().values()) {
            String key = entry.key();
            if (knownKeys.contains(key) || knownPrefixes.keySet().stream().anyMatch(key::startsWith)) {
                continue;
            }
            Set<String> forms = new LinkedHashSet<>(knownKeys);
            forms.addAll(knownPrefixes.values());
            String advice = elsewhere.containsKey(key)
                    ? "it belongs in " + elsewhere.get(key) + ", not in " + section.title() + "; move the line there"
                    : Suggestions.closest(key, knownKeys)
                            .map(known -> "did you mean " + known + "?")
                            .orElse("remove the line or fix the spelling; the keys of " + section.title() + " are "
                                    + String.join(", ", forms));
            error(entry, "unknown key; " + advice);
        }
    }

    void error(ConfigEntry entry, String message) {
        errors.add(new ConfigError(file, entry.line(), entry.key(), message));
    }

    private <T> Optional<T> parse(ConfigEntry entry, ValueParser<T> parser) {
        try {
            return Optional.of(parser.parse(entry.value()));
        } catch (IllegalArgumentException badValue) {
            error(entry, badValue.getMessage());
            return Optional.empty();
        }
    }
}
