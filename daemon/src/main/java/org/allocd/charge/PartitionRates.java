package org.allocd.charge;

import java.util.Map;
import java.util.TreeMap;

/**
 * How one Slurm partition converts a request into GH200-equivalent units and what it costs.
 *
 * @param memPerUnitBytes     memory worth one unit, in bytes (1 GB = 10^9 bytes)
 * @param cpusPerUnit         cores worth one unit
 * @param unitsPerNode        units charged per node for node-exclusive jobs and DEBITALLBLOCKED
 * @param maxTimeLimitSeconds the partition's max time, used when a job gives none; 0 = no max
 * @param nodeClassMultipliers rate per node class; a job's node classes must all be listed here
 */
public record PartitionRates(String name, long memPerUnitBytes, int cpusPerUnit, int unitsPerNode, Rounding rounding,
        Multiplier multiplier, long maxTimeLimitSeconds, Map<String, Multiplier> nodeClassMultipliers,
        NodeChargePolicy nodeChargePolicy) {

    public static final long DEFAULT_MEM_PER_UNIT_BYTES = 120_000_000_000L;
    public static final int DEFAULT_CPUS_PER_UNIT = 72;
    public static final int DEFAULT_UNITS_PER_NODE = 4;

    public PartitionRates {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("partition name must not be empty");
        }
        String where = " (partition " + name + ")";
        requirePositive("memPerUnitBytes", memPerUnitBytes, where);
        requirePositive("cpusPerUnit", cpusPerUnit, where);
        requirePositive("unitsPerNode", unitsPerNode, where);
        if (maxTimeLimitSeconds < 0) {
            throw new IllegalArgumentException("maxTimeLimitSeconds must be >= 0 (0 = no max), got "
                    + maxTimeLimitSeconds + where);
        }
        requireSet("rounding", rounding, where);
        requireSet("multiplier", multiplier, where);
        requireSet("nodeClassMultipliers", nodeClassMultipliers, where);
        requireSet("nodeChargePolicy", nodeChargePolicy, where);
        nodeClassMultipliers.forEach((nodeClass, rate) -> {
            requireSet("a node class name", nodeClass, where);
            requireSet("the multiplier of node class " + nodeClass, rate, where);
        });
        nodeClassMultipliers = Map.copyOf(nodeClassMultipliers);
    }

    /** Site defaults: 120 GB or 72 cores per unit, 4 units per node, CEIL, rate 1.0, no max time, no node classes, MIN. */
    public static PartitionRates defaults(String name) {
        return new PartitionRates(name, DEFAULT_MEM_PER_UNIT_BYTES, DEFAULT_CPUS_PER_UNIT, DEFAULT_UNITS_PER_NODE,
                Rounding.CEIL, Multiplier.ONE, 0, Map.of(), NodeChargePolicy.MIN);
    }

    /** The rate of one node class; an unknown class is refused with the known ones. */
    public Multiplier nodeClassMultiplier(String nodeClass) {
        Multiplier rate = nodeClass == null ? null : nodeClassMultipliers.get(nodeClass);
        if (rate == null) {
            throw new IllegalArgumentException("unknown node class \"" + nodeClass + "\" in partition " + name
                    + "; known classes: " + new TreeMap<>(nodeClassMultipliers).keySet());
        }
        return rate;
    }

    private static void requirePositive(String field, long value, String where) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value + where);
        }
    }

    private static void requireSet(String field, Object value, String where) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be set" + where);
        }
    }
}
