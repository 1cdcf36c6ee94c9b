package org.allocd.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sacctmgr-shaped tail of a command line: an optional bare name, then
 * key=value pairs, with "where" and "set" as readable separators. Keys are
 * case-insensitive and checked against what the verb takes.
 */
final class Words {
    private final String verb;
    private final String name;
    private final Map<String, String> values;

    private Words(String verb, String name, Map<String, String> values) {
        this.verb = verb;
        this.name = name;
        this.values = values;
    }

    static Words parse(String verb, List<String> words, Set<String> keys) {
        String name = null;
        Map<String, String> values = new LinkedHashMap<>();
        for (String word : words) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals("where") || lower.equals("set")) {
                continue;
            }
            int eq = word.indexOf('=');
            if (eq < 0) {
                if (name != null) {
                    throw new UsageException(verb + " takes one name, got '" + name + "' and '" + word
                            + "'; give other values as key=value");
                }
                name = word;
                continue;
            }
            String key = word.substring(0, eq).toLowerCase(Locale.ROOT);
            if (!keys.contains(key)) {
                throw new UsageException("'" + key + "' is not a field of " + verb + "; it takes "
                        + (keys.isEmpty() ? "none" : String.join(", ", keys)) + " (see " + verb + " --help)");
            }
            if (values.put(key, word.substring(eq + 1)) != null) {
                throw new UsageException(key + "= is given twice; give it once");
            }
        }
        return new Words(verb, name, values);
    }

    /** The bare name, or the value of the key that may stand for it (name=, account=). */
    String name(String key) {
        String named = values.get(key);
        if (name != null && named != null && !name.equals(named)) {
            throw new UsageException(verb + " names '" + name + "' and " + key + "=" + named + "; give one");
        }
        return name != null ? name : named;
    }

    /** The bare name alone, whatever key= says (null without one). */
    String bare() {
        return name;
    }

    String requiredName(String key) {
        String n = name(key);
        if (n == null || n.isEmpty()) {
            throw new UsageException(verb + " needs a name: " + verb + " NAME or " + key + "=NAME");
        }
        return n;
    }

    void noName() {
        if (name != null) {
            throw new UsageException(verb + " takes no bare name, got '" + name + "'; give values as key=value");
        }
    }

    String get(String key) {
        return values.get(key);
    }

    String required(String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new UsageException(verb + " needs " + key + "=...; see " + verb + " --help");
        }
        return value;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }
}
