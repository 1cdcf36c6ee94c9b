package org.allocd.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The daemon's metrics, rendered in the Prometheus text exposition format 0.0.4.
 * Registration is rare and locked; recording into a series is lock-free.
 */
public final class MetricsRegistry {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String NAME_PREFIX = "allocd_";
    private static final String COUNTER_SUFFIX = "_total";

    private static final Pattern METRIC_NAME = Pattern.compile("allocd_[a-zA-Z0-9_:]+");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final List<Metric> metrics = new ArrayList<>();

    public Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(checkCounterName(name), checkHelp(name, help), checkLabels(name, labelNames)));
    }

    /** A count its owner keeps and only ever raises, read at every scrape like a gauge. */
    public void counter(String name, String help, LongSupplier count) {
        register(new Gauge(checkCounterName(name), checkHelp(name, help), "counter", count::getAsLong));
    }

    /** {@code upperBounds} are the finite bucket bounds in increasing order; +Inf is added. Latency is in seconds. */
    public Histogram histogram(String name, String help, double[] upperBounds, String... labelNames) {
        return register(new Histogram(checkOtherName(name), checkHelp(name, help), upperBounds, checkLabels(name, labelNames)));
    }

    /** {@code value} is called at every scrape, on the scraping thread: it must be quick and must not block. */
    public void gauge(String name, String help, DoubleSupplier value) {
        register(new Gauge(checkOtherName(name), checkHelp(name, help), "gauge", value));
    }

    /** Every metric in registration order, as the body of a scrape response. */
    public String render() {
        List<Metric> snapshot;
        synchronized (metrics) {
            snapshot = List.copyOf(metrics);
        }
        StringBuilder out = new StringBuilder(4096);
        for (Metric m : snapshot) {
            m.render(out);
        }
        return out.toString();
    }

    private <M extends Metric> M register(M metric) {
        synchronized (metrics) {
            for (Metric m : metrics) {
                if (m.name().equals(metric.name())) {
                    throw new IllegalArgumentException("metric " + metric.name() + " is already registered; register it once and share it");
                }
            }
            metrics.add(metric);
        }
        return metric;
    }

    private static String checkName(String name) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name + "' must start with " + NAME_PREFIX
                    + " and then use only letters, digits, _ and :");
        }
        return name;
    }

    /** Counters end in _total and nothing else does, so a reader knows a count that only grows by its name. */
    private static String checkCounterName(String name) {
        if (!checkName(name).endsWith(COUNTER_SUFFIX)) {
            throw new IllegalArgumentException("counter " + name + " must end in " + COUNTER_SUFFIX);
        }
        return name;
    }

    private static String checkOtherName(String name) {
        if (checkName(name).endsWith(COUNTER_SUFFIX)) {
            throw new IllegalArgumentException(name + " ends in " + COUNTER_SUFFIX + " but is not a counter; only"
                    + " counts that never go down are counters");
        }
        return name;
    }

    private static String checkHelp(String name, String help) {
        if (help == null || help.isBlank()) {
            throw new IllegalArgumentException("metric " + name + " needs a help text saying what it counts");
        }
        return help;
    }

    private static List<String> checkLabels(String name, String... labelNames) {
        for (String label : labelNames) {
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException("metric " + name + " label '" + label
                        + "' must be letters, digits and _, not starting with a digit or __");
            }
        }
        List<String> labels = List.of(labelNames);
        if (labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("metric " + name + " declares a label twice: " + labels);
        }
        return labels;
    }
}
