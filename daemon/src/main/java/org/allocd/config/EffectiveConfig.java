package org.allocd.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The configuration allocd runs with, as one block for its log at start (as HikariCP logs its pool's settings): every
 * global key with the value in effect, defaults marked, then the [partition] and [qos] sections as written. Nothing
 * secret can be in it: allocd.conf holds no password (postgresql_url refuses one; the login is read from
 * postgresql_credentials_file, of which only the path shows).
 *
 * @param file  the config file's path
 * @param lines one line per key or section, in the order of the block
 */
public record EffectiveConfig(String file, List<String> lines) {
    static final String DEFAULT_MARK = "(default)";
    static final String NOT_SET = "(not set)";

    public EffectiveConfig {
        Objects.requireNonNull(file, "file");
        lines = List.copyOf(lines);
    }

    static EffectiveConfig of(String file, SectionReader global, ConfigSyntax.Sections sections) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(global.effective()).forEach((key, value) -> lines.add(line(key, value)));
        sections.partitions().values().forEach(section -> lines.add(line(section.title(), asWritten(section))));
        sections.qos().ifPresent(section -> lines.add(line(section.title(), asWritten(section))));
        return new EffectiveConfig(file, lines);
    }

    /** The whole block: a heading, then one indented line per key or section. */
    public String text() {
        return "configuration in effect (" + file + "; " + DEFAULT_MARK + " = not in the file):"
                + lines.stream().map(line -> "\n  " + line).collect(Collectors.joining());
    }

    private static String line(String name, String value) {
        return String.format(Locale.ROOT, "%-28s %s", name, value);
    }

    private static String asWritten(ConfigSection section) {
        String entries = section.entries().values().stream()
                .map(entry -> entry.key() + " = " + entry.value())
                .collect(Collectors.joining(", "));
        return entries.isEmpty() ? "(nothing set)" : entries;
    }
}
