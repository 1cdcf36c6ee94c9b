package org.allocd.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allocd.charge.ChargePolicy;
import org.allocd.charge.ChargeRates;
import org.allocd.charge.Multiplier;
import org.allocd.charge.NodeChargePolicy;
import org.allocd.charge.NodeClasses;
import org.allocd.charge.PartitionRates;
import org.allocd.charge.Rounding;
import org.allocd.slurm.HostList;

/**
 * Builds the {@link ChargeRates} from the [partition ...] and [qos] sections and the global charge_policy,
 * allow_overrun and node_class_nodes.CLASS keys. Like Slurm's PartitionName=DEFAULT, [partition default] sets what every partition does not set
 * itself, and it is also the entry "default" that partitions missing from the file are charged by.
 */
final class ChargeRatesReader {
    static final String DEFAULT_PARTITION = "default";
    static final String NODE_CLASS_NODES = "node_class_nodes.";
    static final int MAX_CPUS_PER_UNIT = 1_000_000;
    static final int MAX_UNITS_PER_NODE = 1_024;

    private final String file;
    private final ConfigSyntax.Sections sections;
    private final SectionReader global;
    private final List<ConfigError> errors;
    private final List<SectionReader> partitionReaders = new ArrayList<>();

    ChargeRatesReader(String file, ConfigSyntax.Sections sections, SectionReader global, List<ConfigError> errors) {
        this.file = file;
        this.sections = sections;
        this.global = global;
        this.errors = errors;
    }

    ChargeRates read() {
        ChargePolicy policy = global.value("charge_policy", ChargePolicy.DEBITALLWC, Values.oneOf(ChargePolicy.class, true));
        boolean allowOverrun = global.value("allow_overrun", false, Values.bool());

        ConfigSection defaultSection = sections.partitions().getOrDefault(DEFAULT_PARTITION,
                new ConfigSection(ConfigSection.Kind.PARTITION, DEFAULT_PARTITION, 0));
        PartitionRates defaults = partition(defaultSection, PartitionRates.defaults(DEFAULT_PARTITION));
        Map<String, PartitionRates> partitions = new LinkedHashMap<>();
        partitions.put(DEFAULT_PARTITION, defaults);
        for (ConfigSection section : sections.partitions().values()) {
            if (!section.name().equals(DEFAULT_PARTITION)) {
                partitions.put(section.name(), partition(section, renamed(defaults, section.name())));
            }
        }

        Map<String, Multiplier> qosMultipliers = sections.qos()
                .map(section -> new SectionReader(file, section, errors).prefixed("", "NAME", Values.multiplier()))
                .orElse(Map.of());
        return new ChargeRates(partitions, qosMultipliers, policy, allowOverrun, nodeClasses(partitions));
    }

    /**
     * node_class_nodes.CLASS = Slurm node list. Each node in one class at most, and each class priced in every
     * partition (node_class.CLASS, most simply in [partition default]), so no lien can fail on a class without a rate.
     */
    private NodeClasses nodeClasses(Map<String, PartitionRates> partitions) {
        Map<String, List<String>> nodesByClass = global.prefixed(NODE_CLASS_NODES, NODE_CLASS_NODES + "NAME",
                HostList::expand);
        Map<String, String> classByNode = new HashMap<>();
        nodesByClass.forEach((nodeClass, nodes) -> {
            ConfigEntry entry = global.entry(NODE_CLASS_NODES + nodeClass).orElseThrow();
            for (String node : nodes) {
                String earlier = classByNode.putIfAbsent(node, nodeClass);
                if (earlier != null && !earlier.equals(nodeClass)) {
                    global.error(entry, "node " + node + " is in node class " + earlier + " too; a node belongs to"
                            + " one class, remove it from one of the two lists");
                }
            }
            partitions.values().stream().filter(p -> !p.nodeClassMultipliers().containsKey(nodeClass)).findFirst()
                    .ifPresent(p -> global.error(entry, "node class " + nodeClass + " has no rate in partition "
                            + p.name() + "; add \"node_class." + nodeClass + " = 1.0\" (its multiplier) to"
                            + " [partition default] or to [partition " + p.name() + "]"));
        });
        return new NodeClasses(classByNode);
    }

    /** The keys a [partition ...] section knows, for advice when one turns up in the global section. */
    Set<String> partitionKeys() {
        return partitionReaders.get(0).knownKeys();
    }

    void reportUnknownKeys(Map<String, String> elsewhere) {
        partitionReaders.forEach(reader -> reader.reportUnknownKeys(elsewhere));
    }

    /** Every key the section leaves out keeps its value from {@code base}; node classes are merged name by name. */
    private PartitionRates partition(ConfigSection section, PartitionRates base) {
        SectionReader reader = new SectionReader(file, section, errors);
        partitionReaders.add(reader);
        long memPerUnitBytes = reader.value("mem_per_unit", base.memPerUnitBytes(), Values.positiveBytes());
        int cpusPerUnit = reader.value("cpus_per_unit", base.cpusPerUnit(), Values.intInRange(1, MAX_CPUS_PER_UNIT));
        int unitsPerNode = reader.value("units_per_node", base.unitsPerNode(), Values.intInRange(1, MAX_UNITS_PER_NODE));
        Rounding rounding = reader.value("rounding", base.rounding(), Values.oneOf(Rounding.class, false));
        Multiplier rate = reader.value("rate", base.multiplier(), Values.multiplier());
        long maxTimeLimitSeconds = reader.value("max_time", base.maxTimeLimitSeconds(), Values.slurmTimeSeconds());
        Map<String, Multiplier> nodeClasses = new HashMap<>(base.nodeClassMultipliers());
        nodeClasses.putAll(reader.prefixed("node_class.", "node_class.NAME", Values.multiplier()));
        NodeChargePolicy nodeChargePolicy = reader.value("node_charge_policy", base.nodeChargePolicy(),
                Values.oneOf(NodeChargePolicy.class, true));
        return new PartitionRates(base.name(), memPerUnitBytes, cpusPerUnit, unitsPerNode, rounding, rate,
                maxTimeLimitSeconds, nodeClasses, nodeChargePolicy);
    }

    private static PartitionRates renamed(PartitionRates rates, String name) {
        return new PartitionRates(name, rates.memPerUnitBytes(), rates.cpusPerUnit(), rates.unitsPerNode(),
                rates.rounding(), rates.multiplier(), rates.maxTimeLimitSeconds(), rates.nodeClassMultipliers(),
                rates.nodeChargePolicy());
    }
}
