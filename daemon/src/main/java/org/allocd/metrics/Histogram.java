package org.allocd.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into fixed buckets (Prometheus convention: cumulative
 * {@code _bucket{le="..."}}, then {@code _sum} and {@code _count}).
 */
public final class Histogram implements Metric {
    private final String name;
    private final String help;
    private final double[] upperBounds;
    private final SeriesSet<Series> series;

    Histogram(String name, String help, double[] upperBounds, List<String> labelNames) {
        if (upperBounds.length == 0) {
            throw new IllegalArgumentException("histogram " + name + " needs at least one bucket bound");
        }
        for (int i = 0; i < upperBounds.length; i++) {
            if (!Double.isFinite(upperBounds[i]) || (i > 0 && upperBounds[i] <= upperBounds[i - 1])) {
                throw new IllegalArgumentException("histogram " + name + " bucket bounds must be finite and strictly increasing, got "
                        + Arrays.toString(upperBounds) + " (+Inf is added by itself)");
            }
        }
        if (labelNames.contains("le")) {
            throw new IllegalArgumentException("histogram " + name + " cannot have a label named le: Prometheus uses it for the buckets");
        }
        this.name = name;
        this.help = help;
        this.upperBounds = upperBounds.clone();
        this.series = new SeriesSet<>(name, labelNames, () -> new Series(this.upperBounds));
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
        TextFormat.writeHeader(out, name, help, "histogram");
        List<String> labelNames = series.labelNames();
        for (Map.Entry<List<String>, Series> e : series.sorted()) {
            Series s = e.getValue();
            long cumulative = 0;
            for (int i = 0; i <= upperBounds.length; i++) {
                cumulative += s.buckets[i].sum();
                String le = i < upperBounds.length ? TextFormat.formatDouble(upperBounds[i]) : "+Inf";
                out.append(name).append("_bucket");
                TextFormat.writeLabels(out, labelNames, e.getKey(), "le", le);
                out.append(' ').append(cumulative).append('\n');
            }
            out.append(name).append("_sum");
            TextFormat.writeLabels(out, labelNames, e.getKey(), null, null);
            out.append(' ').append(TextFormat.formatDouble(s.sum.sum())).append('\n');
            // _count is the +Inf bucket, so the two always agree even while observations race the scrape.
            out.append(name).append("_count");
            TextFormat.writeLabels(out, labelNames, e.getKey(), null, null);
            out.append(' ').append(cumulative).append('\n');
        }
    }

    /** One histogram series; observations are lock-free. */
    public static final class Series {
        private final double[] upperBounds;
        /** Non-cumulative counts; the last slot is the +Inf overflow bucket. */
        private final LongAdder[] buckets;
        private final DoubleAdder sum = new DoubleAdder();

        private Series(double[] upperBounds) {
            this.upperBounds = upperBounds;
            this.buckets = new LongAdder[upperBounds.length + 1];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        public void observe(double value) {
            int i = Arrays.binarySearch(upperBounds, value);
            // A value equal to a bound belongs to that bucket (le = "less or equal").
            int bucket = i >= 0 ? i : -i - 1;
            buckets[bucket].increment();
            sum.add(value);
        }
    }
}
