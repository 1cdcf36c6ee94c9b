package org.allocd.charge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which node class each Slurm node belongs to (allocd.conf's node_class_nodes.CLASS keys). allocd.conf names the
 * nodes rather than taking Slurm's node Features: a node has many free-form features, and asking Slurm for them at
 * every lien and charge would add a Slurm call under slurmctld's job lock.
 */
public record NodeClasses(Map<String, String> classByNode) {
    public static final NodeClasses NONE = new NodeClasses(Map.of());

    public NodeClasses {
        Objects.requireNonNull(classByNode, "classByNode");
        classByNode = Map.copyOf(classByNode);
    }

    /** The class of each node that has one, in order, one entry per node; nodes of no class are left out. */
    public List<String> of(Collection<String> nodes) {
        List<String> classes = new ArrayList<>();
        for (String node : nodes) {
            String nodeClass = classByNode.get(node);
            if (nodeClass != null) {
                classes.add(nodeClass);
            }
        }
        return classes;
    }

    public TreeSet<String> classes() {
        return new TreeSet<>(classByNode.values());
    }
}
