package org.allocd.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.allocd.charge.Meter;

/**
 * Sums job charges into meters per partition and kind. Each job's whole
 * charge goes to the meter of the term that set its units (see Meter).
 */
public final class ChargeMeters {
    /** Jobs whose request was never recorded cannot be metered; they are summed here so totals still add up. */
    public static final String UNRECORDED_KEY = "unrecorded";
    static final String UNRECORDED_LABEL = "jobs without a recorded request";

    /** One charged job: its partition and meter (both null when its request was not recorded). */
    public record Charge(String partition, Meter meter, long chargedMicroSu, long refundedMicroSu) {}

    private final Map<String, long[]> sums = new TreeMap<>();
    private final Map<String, Charge> firstOfKey = new TreeMap<>();

    /** Adds one job: a report streams its jobs through here, so a million of them need no list. */
    public void add(Charge c) {
        String key = key(c);
        long[] s = sums.computeIfAbsent(key, k -> new long[3]);
        s[0]++;
        s[1] = Math.addExact(s[1], c.chargedMicroSu());
        s[2] = Math.addExact(s[2], c.refundedMicroSu());
        firstOfKey.putIfAbsent(key, c);
    }

    /** Meters in key order. */
    public List<MeterRow> rows() {
        List<MeterRow> rows = new ArrayList<>();
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            Charge c = firstOfKey.get(e.getKey());
            long[] s = e.getValue();
            rows.add(new MeterRow(e.getKey(), label(c), c.partition(), c.meter() == null ? null : c.meter().key(),
                    s[0], s[1], s[2], Math.subtractExact(s[1], s[2])));
        }
        return rows;
    }

    private static String key(Charge c) {
        return c.meter() == null ? UNRECORDED_KEY : c.partition() + "." + c.meter().key();
    }

    private static String label(Charge c) {
        return c.meter() == null ? UNRECORDED_LABEL : c.partition() + " " + c.meter().label();
    }
}
