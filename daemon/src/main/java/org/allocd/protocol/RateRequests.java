package org.allocd.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.PartitionRates;
import org.allocd.ledger.Ledger;
import org.allocd.rates.RateRows;
import org.allocd.rates.RatesText;

/** The rate versions of every cluster: when each came into effect, until when, and what it charges. */
final class RateRequests {
    private static final long BYTES_PER_GB = 1_000_000_000L;

    private RateRequests() {}

    static ObjectNode versions(Ledger ledger) {
        List<RateRows.Stored> stored = ledger.read(view -> view.rows(RateRows.class).rateVersions(null));
        ObjectNode answer = Replies.ok();
        ArrayNode rows = answer.putArray("rows");
        for (int i = 0; i < stored.size(); i++) {
            RateRows.Stored version = stored.get(i);
            boolean last = i + 1 == stored.size() || !stored.get(i + 1).cluster().equals(version.cluster());
            ObjectNode row = rows.addObject().put("cluster", version.cluster()).put("version", version.version())
                    .put("effective_at_ms", version.effectiveAtMillis());
            if (last) {
                row.putNull("until_ms");
            } else {
                row.put("until_ms", stored.get(i + 1).effectiveAtMillis());
            }
            row.put("rates", summary(version.rates()));
            table(row, version.rates());
        }
        return answer;
    }

    /**
     * The same table in fields, for the price page: per partition its rate (a multiplier of 1 is 1 SU per
     * unit-hour, so its millionths are micro-SU), what one unit is, the rounding, node class and QOS multipliers.
     */
    private static void table(ObjectNode row, String storedRates) {
        ChargeRates rates;
        try {
            rates = RatesText.parse(storedRates);
        } catch (IllegalArgumentException e) {
            return; // the summary says why
        }
        row.put("policy", rates.policy().name());
        ArrayNode partitions = row.putArray("partitions");
        for (PartitionRates p : new TreeMap<>(rates.partitions()).values()) {
            ObjectNode partition = partitions.addObject().put("partition", p.name())
                    .put("micro_su_per_unit_hour", p.multiplier().millionths())
                    .put("rounding", p.rounding().name().toLowerCase(Locale.ROOT)).put("cpus_per_unit", p.cpusPerUnit())
                    .put("mem_per_unit_bytes", p.memPerUnitBytes()).put("units_per_node", p.unitsPerNode())
                    .put("max_time_limit_s", p.maxTimeLimitSeconds());
            ObjectNode classes = partition.putObject("node_classes");
            new TreeMap<>(p.nodeClassMultipliers()).forEach((name, rate) -> classes.put(name, rate.toString()));
        }
        ObjectNode qos = row.putObject("qos");
        new TreeMap<>(rates.qosMultipliers()).forEach((name, rate) -> qos.put(name, rate.toString()));
    }

    /** e.g. "DEBITALLWC; default: rate 1, ceil, 120 GB or 72 cpus per unit; qos premium=10". */
    private static String summary(String storedRates) {
        ChargeRates rates;
        try {
            rates = RatesText.parse(storedRates);
        } catch (IllegalArgumentException e) {
            return "not readable by this allocd: " + e.getMessage();
        }
        StringBuilder text = new StringBuilder(rates.policy().name());
        if (rates.allowOverrun()) {
            text.append(", overrun allowed");
        }
        for (PartitionRates p : new TreeMap<>(rates.partitions()).values()) {
            text.append("; ").append(p.name()).append(": rate ").append(p.multiplier()).append(", ")
                    .append(p.rounding().name().toLowerCase()).append(", ")
                    .append(gigabytes(p.memPerUnitBytes())).append(" or ").append(p.cpusPerUnit())
                    .append(" cpus per unit");
        }
        if (!rates.qosMultipliers().isEmpty()) {
            text.append("; qos");
            new TreeMap<>(rates.qosMultipliers()).forEach((qos, rate) -> text.append(' ').append(qos).append('=')
                    .append(rate));
        }
        return text.toString();
    }

    private static String gigabytes(long bytes) {
        return bytes % BYTES_PER_GB == 0 ? bytes / BYTES_PER_GB + " GB" : bytes + " B";
    }
}
