package org.allocd.metrics;

/** One named metric family in a {@link MetricsRegistry}. */
interface Metric {
    String name();

    /** Appends HELP, TYPE and every sample line of this family. */
    void render(StringBuilder out);
}
