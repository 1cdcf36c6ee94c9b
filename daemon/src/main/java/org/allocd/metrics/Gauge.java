package org.allocd.metrics;

import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from its owner at scrape time, so the owner keeps no extra state for metrics: a gauge,
 * or a counter whose owner already counts (type "counter").
 */
final class Gauge implements Metric {
    private static final Logger log = LoggerFactory.getLogger(Gauge.class);

    private final String name;
    private final String help;
    private final String type;
    private final DoubleSupplier value;

    Gauge(String name, String help, String type, DoubleSupplier value) {
        this.name = name;
        this.help = help;
        this.type = type;
        this.value = value;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void render(StringBuilder out) {
        TextFormat.writeHeader(out, name, help, type);
        double sample;
        try {
            sample = value.getAsDouble();
        } catch (RuntimeException e) {
            // One broken gauge must not cost the whole scrape; the sample is left out.
            log.warn("gauge {} could not be read: {}", name, e.toString());
            return;
        }
        out.append(name).append(' ').append(TextFormat.formatDouble(sample)).append('\n');
    }
}
