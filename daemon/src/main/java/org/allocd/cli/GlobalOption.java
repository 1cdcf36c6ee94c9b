package org.allocd.cli;

import java.util.List;

/** The options allocmgr takes before or after its verb: picocli's model and Invocation's reading both use these. */
enum GlobalOption {
    PARSABLE(null, "Print rows separated by '|' (sacctmgr -P).", "-P", "--parsable2"),
    NOHEADER(null, "Print no header line.", "-n", "--noheader"),
    JSON(null, "Print JSON, amounts in exact micro-SU with SU strings beside them.", "--json"),
    CSV(null, "Print CSV.", "--csv"),
    IMMEDIATE(null, "Do not ask for confirmation.", "-i", "--immediate"),
    SOCKET("PATH", "allocd's admin socket", "-s", "--socket"),
    OUTPUT("FORMAT", "table, parsable, csv or json (the same as -P, --csv, --json)", "-o", "--output"),
    TIMEOUT("SECONDS", "give up after this long (default 60)", "--timeout");

    /** What the value is called in help; null for a flag, which takes none. */
    final String paramLabel;
    final String description;
    final List<String> names;

    GlobalOption(String paramLabel, String description, String... names) {
        this.paramLabel = paramLabel;
        this.description = description;
        this.names = List.of(names);
    }

    boolean takesValue() {
        return paramLabel != null;
    }

    /** The long name, which picocli's parse result is asked by. */
    String longName() {
        return names.get(names.size() - 1);
    }

    /** The option one of whose names this is, or null. */
    static GlobalOption named(String name) {
        for (GlobalOption option : values()) {
            if (option.names.contains(name)) {
                return option;
            }
        }
        return null;
    }
}
