package org.allocd.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a command line asks: one verb, the global options given (a flag's value is "") and the words after the verb.
 * The plain forms (global options, one verb and its words: allocmgr -Pn balance proj) are read here, without
 * picocli: building picocli's model of even one verb costs a one-shot call more than its request to allocd. Every
 * other form (help, a group without its verb, an option not known here or given twice, '--', '@file') is left to
 * picocli (Allocmgr), which reads every form and explains every mistake; InvocationTest holds both to one reading.
 */
record Invocation(Verbs.Verb verb, Map<GlobalOption, String> options, List<String> words) {

    /** The command line in a plain form, or null when picocli must read it. */
    static Invocation readPlain(String[] args, List<Supplier<List<Verbs.Verb>>> tables) {
        Map<GlobalOption, String> options = new EnumMap<>(GlobalOption.class);
        List<String> words = new ArrayList<>();
        String group = null;
        Verbs.Verb verb = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@") || arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                GlobalOption option = GlobalOption.named(eq < 0 ? arg : arg.substring(0, eq));
                if (option == null || (!option.takesValue() && eq >= 0)) {
                    return null;
                }
                String value = !option.takesValue() ? "" : eq >= 0 ? arg.substring(eq + 1)
                        : i + 1 < args.length ? args[++i] : null;
                if (value == null || !given(options, option, value)) {
                    return null;
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                GlobalOption single = GlobalOption.named(arg);
                if (single != null && single.takesValue()) {
                    if (i + 1 >= args.length || !given(options, single, args[++i])) {
                        return null;
                    }
                    continue;
                }
                for (int c = 1; c < arg.length(); c++) {
                    GlobalOption flag = GlobalOption.named("-" + arg.charAt(c));
                    if (flag == null || flag.takesValue() || !given(options, flag, "")) {
                        return null;
                    }
                }
            } else if (verb != null) {
                words.add(arg);
            } else if (group == null && Verbs.GROUPS.containsKey(arg)) {
                group = arg;
            } else {
                verb = find(tables, group, arg);
                if (verb == null) {
                    return null;
                }
            }
        }
        return verb == null ? null : new Invocation(verb, options, words);
    }

    /** Records a value; false (picocli's to read) when the option was given already or the value looks like one. */
    private static boolean given(Map<GlobalOption, String> options, GlobalOption option, String value) {
        return !(option.takesValue() && value.startsWith("-")) && options.putIfAbsent(option, value) == null;
    }

    /** The verb so named, building the tables one by one until one has it. */
    private static Verbs.Verb find(List<Supplier<List<Verbs.Verb>>> tables, String group, String name) {
        for (Supplier<List<Verbs.Verb>> table : tables) {
            for (Verbs.Verb verb : table.get()) {
                if (Objects.equals(group, verb.group())
                        && (verb.name().equals(name) || verb.aliases().contains(name))) {
                    return verb;
                }
            }
        }
        return null;
    }
}
