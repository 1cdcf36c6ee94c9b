package org.allocd.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4 as Prometheus parses it, for tests: every
 * problem of a scrape body, none when it is valid. Beyond the grammar it checks what a scraper
 * relies on: HELP and TYPE once and before the samples, sample names of their family, no series
 * twice, counters named _total, histogram buckets cumulative up to le="+Inf" equal to _count.
 */
public final class TextFormatCheck {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Pattern VALUE = Pattern.compile("[+-]?(Inf|NaN|[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?|\\.[0-9]+([eE][+-]?[0-9]+)?)");

    private TextFormatCheck() {}

    public static List<String> problems(String body) {
        List<String> problems = new ArrayList<>();
        if (!body.isEmpty() && !body.endsWith("\n")) {
            problems.add("the body does not end with a newline");
        }
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> sampled = new HashSet<>();
        Set<String> series = new HashSet<>();
        // histogram family + labels without le -> bucket counts in order, then the _count
        Map<String, List<double[]>> buckets = new LinkedHashMap<>();
        Map<String, Double> counts = new HashMap<>();
        int n = 0;
        for (String line : body.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            String at = "line " + n + " '" + line + "': ";
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                if (!helped.add(m.group(1)) || sampled.contains(m.group(1))) {
                    problems.add(at + "HELP given twice or after the family's samples");
                }
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null || sampled.contains(m.group(1))) {
                    problems.add(at + "TYPE given twice or after the family's samples");
                }
                if (m.group(2).equals("counter") != m.group(1).endsWith("_total")) {
                    problems.add(at + "counters, and only counters, are named _total");
                }
            } else if (line.startsWith("#")) {
                problems.add(at + "a comment that is neither HELP nor TYPE");
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                String family = family(name, types);
                if (family == null) {
                    problems.add(at + "no TYPE line names this sample's family");
                    continue;
                }
                sampled.add(family);
                if (!VALUE.matcher(m.group(4)).matches()) {
                    problems.add(at + "the value is not a number");
                    continue;
                }
                Map<String, String> labels = labels(m.group(3), at, problems);
                if (!series.add(name + labels)) {
                    problems.add(at + "this series appears twice");
                }
                if (types.get(family).equals("histogram")) {
                    String le = labels.remove("le");
                    String key = family + labels;
                    if (name.endsWith("_bucket")) {
                        if (le == null) {
                            problems.add(at + "a bucket without le");
                        } else {
                            buckets.computeIfAbsent(key, k -> new ArrayList<>())
                                    .add(new double[] {number(le), number(m.group(4))});
                        }
                    } else if (name.endsWith("_count")) {
                        counts.put(key, number(m.group(4)));
                    }
                }
            } else {
                problems.add(at + "not a HELP, TYPE or sample line");
            }
        }
        buckets.forEach((key, list) -> {
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i)[0] <= list.get(i - 1)[0] || list.get(i)[1] < list.get(i - 1)[1]) {
                    problems.add(key + ": buckets must rise in le and never fall in count");
                }
            }
            double[] last = list.get(list.size() - 1);
            if (last[0] != Double.POSITIVE_INFINITY || !Double.valueOf(last[1]).equals(counts.get(key))) {
                problems.add(key + ": the last bucket must be le=\"+Inf\" and equal _count");
            }
        });
        return problems;
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            String base = sample.endsWith(suffix) ? sample.substring(0, sample.length() - suffix.length()) : null;
            if (base != null && "histogram".equals(types.get(base))) {
                return base;
            }
        }
        return null;
    }

    private static Map<String, String> labels(String text, String at, List<String> problems) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int from = 0;
        while (from < text.length()) {
            if (!m.find(from) || m.start() != from) {
                problems.add(at + "labels are not name=\"value\" pairs separated by commas");
                return labels;
            }
            if (labels.put(m.group(1), m.group(2)) != null) {
                problems.add(at + "label " + m.group(1) + " is given twice");
            }
            from = m.end();
            if (from < text.length()) {
                if (text.charAt(from) != ',') {
                    problems.add(at + "labels must be separated by commas");
                    return labels;
                }
                from++;
            }
        }
        return labels;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
