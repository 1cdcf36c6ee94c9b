package org.allocd.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The lines of one section before any key is interpreted; the global section is the part before the first header. */
final class ConfigSection {
    enum Kind { GLOBAL, PARTITION, QOS }

    private final Kind kind;
    private final String name;
    private final int headerLine;
    private int lastLine;
    private final Map<String, ConfigEntry> entries = new LinkedHashMap<>();

    ConfigSection(Kind kind, String name, int headerLine) {
        this.kind = kind;
        this.name = name;
        this.headerLine = headerLine;
        this.lastLine = Math.max(1, headerLine);
    }

    Kind kind() {
        return kind;
    }

    /** The partition name, "" for the global and qos sections. */
    String name() {
        return name;
    }

    int headerLine() {
        return headerLine;
    }

    /** The last line that belongs to this section: where a missing key would be added. */
    int lastLine() {
        return lastLine;
    }

    void extendTo(int line) {
        lastLine = line;
    }

    /** Adds the entry, or returns the earlier entry with the same key and adds nothing. */
    ConfigEntry add(ConfigEntry entry) {
        return entries.putIfAbsent(entry.key(), entry);
    }

    ConfigEntry entry(String key) {
        return entries.get(key);
    }

    Map<String, ConfigEntry> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** The header as written in the file, used to name the section in messages. */
    String title() {
        return switch (kind) {
            case GLOBAL -> "the global section";
            case PARTITION -> "[partition " + name + "]";
            case QOS -> "[qos]";
        };
    }
}
