package org.allocd.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * Slurm's hostlist syntax, as in SLURM_JOB_NODELIST and slurm.conf: {@code node[1-3,7],gpu[01-04],login1}. Numbers
 * keep the width of a zero-padded range ({@code gpu[01-04]} is gpu01..gpu04). Bounded: a list of more than MAX_NODES
 * names is refused, so a typo such as {@code node[1-999999999]} cannot fill the heap.
 */
public final class HostList {
    public static final int MAX_NODES = 100_000;

    private HostList() {}

    /** The node names, in order; a bad list is refused with what was wrong. */
    public static List<String> expand(String hostList) {
        if (hostList == null || hostList.isBlank()) {
            throw new IllegalArgumentException("empty node list; write node names as Slurm does, e.g. node[1-4],gpu01");
        }
        List<String> names = new ArrayList<>();
        for (String item : splitTopLevel(hostList.strip())) {
            expandItem(hostList, item, "", names);
        }
        return names;
    }

    /** Splits at commas outside brackets. */
    private static List<String> splitTopLevel(String text) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(text.substring(start, i));
                start = i + 1;
            }
        }
        items.add(text.substring(start));
        return items;
    }

    /** Expands the first bracket of item (after prefix) and recurses for the rest of it. */
    private static void expandItem(String whole, String item, String prefix, List<String> names) {
        int open = item.indexOf('[');
        if (open < 0) {
            String name = prefix + item;
            if (name.isEmpty() || item.indexOf(']') >= 0 || !name.matches("[A-Za-z0-9_.-]+")) {
                throw bad(whole, "\"" + name + "\" is not a node name (letters, digits, _ - .)");
            }
            add(whole, names, name);
            return;
        }
        int close = item.indexOf(']', open);
        if (close < 0) {
            throw bad(whole, "a '[' has no ']'");
        }
        String head = prefix + item.substring(0, open);
        String tail = item.substring(close + 1);
        for (String range : item.substring(open + 1, close).split(",", -1)) {
            String[] ends = range.split("-", -1);
            if (ends.length > 2 || !ends[0].matches("[0-9]{1,9}") || (ends.length == 2 && !ends[1].matches("[0-9]{1,9}"))) {
                throw bad(whole, "\"" + range + "\" is not a number or a range such as 1-4");
            }
            int from = Integer.parseInt(ends[0]);
            int to = ends.length == 2 ? Integer.parseInt(ends[1]) : from;
            if (to < from) {
                throw bad(whole, "the range " + range + " runs backwards; write " + to + "-" + from);
            }
            if (to - from >= MAX_NODES) {
                throw bad(whole, "the range " + range + " has more than " + MAX_NODES + " nodes");
            }
            String format = ends[0].length() > 1 && ends[0].startsWith("0") ? "%0" + ends[0].length() + "d" : "%d";
            for (int n = from; n <= to; n++) {
                expandItem(whole, tail, head + String.format(java.util.Locale.ROOT, format, n), names);
            }
        }
    }

    private static void add(String whole, List<String> names, String name) {
        if (names.size() >= MAX_NODES) {
            throw bad(whole, "more than " + MAX_NODES + " nodes");
        }
        names.add(name);
    }

    private static IllegalArgumentException bad(String whole, String why) {
        return new IllegalArgumentException("node list \"" + (whole.length() > 200 ? whole.substring(0, 200) + "..."
                : whole) + "\": " + why);
    }
}
