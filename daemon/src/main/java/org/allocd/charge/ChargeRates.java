package org.allocd.charge;

import java.util.Map;
import java.util.TreeMap;

/**
 * The site's whole rate table: partitions by name, QOS multipliers (a QOS not listed costs 1.0),
 * the charge policy, whether a charge may exceed the job's lien, and which nodes belong to which node class.
 */
public record ChargeRates(Map<String, PartitionRates> partitions, Map<String, Multiplier> qosMultipliers,
        ChargePolicy policy, boolean allowOverrun, NodeClasses nodeClasses) {

    /** A table without node classes. */
    public ChargeRates(Map<String, PartitionRates> partitions, Map<String, Multiplier> qosMultipliers,
            ChargePolicy policy, boolean allowOverrun) {
        this(partitions, qosMultipliers, policy, allowOverrun, NodeClasses.NONE);
    }

    /** The QOS Slurm gives a job that names none. */
    public static final String DEFAULT_QOS = "normal";

    public ChargeRates {
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalArgumentException("charge rates need at least one partition");
        }
        if (qosMultipliers == null) {
            throw new IllegalArgumentException("qosMultipliers must be set (use an empty map for none)");
        }
        if (policy == null) {
            throw new IllegalArgumentException("policy must be set, e.g. " + ChargePolicy.DEBITALLWC);
        }
        partitions.forEach((name, rates) -> {
            if (rates == null || !rates.name().equals(name)) {
                throw new IllegalArgumentException("partition entry \"" + name + "\" must hold the rates of partition \""
                        + name + "\", got " + (rates == null ? "none" : "\"" + rates.name() + "\""));
            }
        });
        qosMultipliers.forEach((qos, rate) -> {
            if (qos == null || qos.isBlank() || rate == null) {
                throw new IllegalArgumentException("QOS multiplier entry " + qos + "=" + rate
                        + " needs both a QOS name and a multiplier");
            }
        });
        if (nodeClasses == null) {
            throw new IllegalArgumentException("nodeClasses must be set (use NodeClasses.NONE for none)");
        }
        partitions = Map.copyOf(partitions);
        qosMultipliers = Map.copyOf(qosMultipliers);
    }

    /** Rates for partitions the table does not list, when it has an entry of this name. */
    public static final String FALLBACK_PARTITION = "default";

    /**
     * The rates of a partition; a partition not listed takes the "default"
     * entry when there is one, else it is refused with the known ones.
     */
    public PartitionRates partition(String name) {
        PartitionRates rates = name == null ? null : partitions.getOrDefault(name, partitions.get(FALLBACK_PARTITION));
        if (rates == null) {
            throw new IllegalArgumentException("unknown partition \"" + name + "\"; known partitions: "
                    + new TreeMap<>(partitions).keySet());
        }
        return rates;
    }

    /** The multiplier of a QOS; null means the default QOS, and a QOS not listed costs 1.0. */
    public Multiplier qosMultiplier(String qos) {
        return qosMultipliers.getOrDefault(qos == null ? DEFAULT_QOS : qos, Multiplier.ONE);
    }
}
