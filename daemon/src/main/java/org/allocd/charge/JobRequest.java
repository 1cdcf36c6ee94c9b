package org.allocd.charge;

import java.util.List;
import java.util.Objects;

/**
 * What a job asked Slurm for: the input of a quote and a lien.
 *
 * @param qos              null = the default QOS ("normal")
 * @param nodes            at least 1; pass 1 when the request did not say
 * @param timeLimitSeconds 0 = not given: the partition's max time applies
 * @param nodeClasses      one entry per node, may be empty (then no node-class multiplier applies)
 */
public record JobRequest(String partition, String qos, int cpus, long memoryBytes, int gpus, int nodes,
        boolean exclusive, long timeLimitSeconds, List<String> nodeClasses) {

    public JobRequest {
        if (partition == null || partition.isBlank()) {
            throw new IllegalArgumentException("partition must be given");
        }
        requireNotNegative("cpus", cpus);
        requireNotNegative("memoryBytes", memoryBytes);
        requireNotNegative("gpus", gpus);
        requireNotNegative("timeLimitSeconds", timeLimitSeconds);
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1 (every Slurm job gets a node; pass 1 when the"
                    + " request did not say), got " + nodes);
        }
        if (nodeClasses == null || nodeClasses.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("nodeClasses must be a list of class names (empty when unknown), got "
                    + nodeClasses);
        }
        nodeClasses = List.copyOf(nodeClasses);
    }

    private static void requireNotNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
    }
}
