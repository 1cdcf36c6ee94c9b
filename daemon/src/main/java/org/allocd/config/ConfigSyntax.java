package org.allocd.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Splits the file into sections of {@code key = value} lines. It reports syntax errors, duplicate keys and unknown or
 * repeated sections; what the keys mean is left to {@link ConfigLoader}.
 */
final class ConfigSyntax {
    /** Slurm partition names: letters, digits, '_', '-', '.'. */
    static final Pattern SECTION_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final List<String> SECTION_WORDS = List.of("partition", "qos");

    private final String file;
    private final List<ConfigError> errors;
    private final ConfigSection global = new ConfigSection(ConfigSection.Kind.GLOBAL, "", 0);
    private final Map<String, ConfigSection> partitions = new LinkedHashMap<>();
    private ConfigSection qos;

    private ConfigSyntax(String file, List<ConfigError> errors) {
        this.file = file;
        this.errors = errors;
    }

    /** The sections of a file; {@code partitions} keeps file order and includes "default" when the file has it. */
    record Sections(ConfigSection global, Map<String, ConfigSection> partitions, Optional<ConfigSection> qos) {}

    static Sections parse(String file, List<String> lines, List<ConfigError> errors) {
        ConfigSyntax syntax = new ConfigSyntax(file, errors);
        ConfigSection current = syntax.global;
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = index + 1;
            String text = stripComment(lines.get(index)).strip();
            if (text.startsWith("[")) {
                // After a bad header its lines are skipped (null section): their keys would only add noise.
                current = syntax.header(text, lineNumber);
            } else if (!text.isEmpty() && current != null) {
                syntax.entry(current, text, lineNumber);
            }
            if (current != null) {
                current.extendTo(lineNumber);
            }
        }
        return new Sections(syntax.global, syntax.partitions, Optional.ofNullable(syntax.qos));
    }

    /** As in slurm.conf, '#' starts a comment anywhere on a line; no value needs a '#'. */
    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private ConfigSection header(String text, int line) {
        if (!text.endsWith("]")) {
            error(line, text, "a section header must end with ']'; write [partition NAME] or [qos]");
            return null;
        }
        String[] words = text.substring(1, text.length() - 1).strip().split("\\s+");
        String word = words[0];
        if (word.equals("qos") && words.length == 1) {
            if (qos != null) {
                error(line, text, "[qos] already starts on line " + qos.headerLine() + "; merge the two sections into one");
                return null;
            }
            qos = new ConfigSection(ConfigSection.Kind.QOS, "", line);
            return qos;
        }
        if (word.equals("qos")) {
            error(line, text, "[qos] takes no name; write [qos] and list one QOS per line as NAME = multiplier");
            return null;
        }
        if (!word.equals("partition")) {
            String hint = Suggestions.closest(word, SECTION_WORDS)
                    .map(s -> "did you mean [" + s + (words.length > 1 ? " " + words[1] : "") + "]?")
                    .orElse("the sections are [partition NAME] and [qos]");
            error(line, text, "unknown section; " + hint);
            return null;
        }
        if (words.length != 2 || !SECTION_NAME.matcher(words[1]).matches()) {
            error(line, text, "a partition section needs one Slurm partition name (letters, digits, _ - .); "
                    + "write [partition NAME] or [partition default]");
            return null;
        }
        ConfigSection earlier = partitions.get(words[1]);
        if (earlier != null) {
            error(line, text, "[partition " + words[1] + "] already starts on line " + earlier.headerLine()
                    + "; merge the two sections into one");
            return null;
        }
        ConfigSection section = new ConfigSection(ConfigSection.Kind.PARTITION, words[1], line);
        partitions.put(words[1], section);
        return section;
    }

    private void entry(ConfigSection section, String text, int line) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            error(line, text.split("\\s+")[0], "expected \"key = value\"; write the key, an '=' and the value on one line");
            return;
        }
        String key = text.substring(0, equals).strip();
        if (key.isEmpty()) {
            error(line, text, "the line has no key before '='; write \"key = value\"");
            return;
        }
        ConfigEntry earlier = section.add(new ConfigEntry(key, text.substring(equals + 1).strip(), line));
        if (earlier != null) {
            error(line, key, "duplicate key, already set on line " + earlier.line() + " of " + section.title()
                    + "; keep only one of the two lines");
        }
    }

    private void error(int line, String key, String message) {
        errors.add(new ConfigError(file, line, key, message));
    }
}
