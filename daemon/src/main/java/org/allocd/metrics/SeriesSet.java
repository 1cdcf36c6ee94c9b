package org.allocd.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The series of one metric family, one per combination of label values. Lookups of
 * an existing series take no lock; only the first use of a combination inserts.
 */
final class SeriesSet<S> {
    /** Label values must come from a small fixed set; this cap turns a cardinality bug into a clear error. */
    static final int MAX_SERIES = 10_000;

    private final String metricName;
    private final List<String> labelNames;
    private final Supplier<S> newSeries;
    private final Map<List<String>, S> series = new ConcurrentHashMap<>();

    SeriesSet(String metricName, List<String> labelNames, Supplier<S> newSeries) {
        this.metricName = metricName;
        this.labelNames = labelNames;
        this.newSeries = newSeries;
    }

    List<String> labelNames() {
        return labelNames;
    }

    S get(String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException("metric " + metricName + " takes labels " + labelNames
                    + " but was given " + labelValues.length + " values " + Arrays.toString(labelValues));
        }
        List<String> key = List.of(labelValues); // rejects null values
        S found = series.get(key);
        if (found != null) {
            return found;
        }
        if (series.size() >= MAX_SERIES) {
            throw new IllegalStateException("metric " + metricName + " already has " + MAX_SERIES
                    + " label combinations; label values must come from a small fixed set, not from request data");
        }
        return series.computeIfAbsent(key, k -> newSeries.get());
    }

    /** The series sorted by label values, so the text output is stable. */
    List<Map.Entry<List<String>, S>> sorted() {
        List<Map.Entry<List<String>, S>> entries = new ArrayList<>(series.entrySet());
        entries.sort(Comparator.comparing(e -> String.join("\u0000", e.getKey())));
        return entries;
    }
}
