package org.allocd.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count, one series per combination of label values. */
public final class Counter implements Metric {
    private final String name;
    private final String help;
    private final SeriesSet<Series> series;

    Counter(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.series = new SeriesSet<>(name, labelNames, Series::new);
    }

    /** The series for these label values, in the order the labels were declared. Cache it when the values are fixed. */
    public Series labels(String... labelValues) {
        return series.get(labelValues);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void render(StringBuilder out) {
        TextFormat.writeHeader(out, name, help, "counter");
        for (Map.Entry<List<String>, Series> e : series.sorted()) {
            out.append(name);
            TextFormat.writeLabels(out, series.labelNames(), e.getKey(), null, null);
            out.append(' ').append(e.getValue().value()).append('\n');
        }
    }

    /** One counter series; increments are lock-free. */
    public static final class Series {
        private final LongAdder count = new LongAdder();

        public void inc() {
            count.increment();
        }

        public void add(long amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("a counter only goes up; add(" + amount + ") is a bug");
            }
            count.add(amount);
        }

        public long value() {
            return count.sum();
        }
    }
}
