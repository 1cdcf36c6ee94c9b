package org.allocd.charge;

import java.util.List;

/** How one multiplier is chosen for a job whose nodes belong to classes with different rates. */
public enum NodeChargePolicy {
    /** The cheapest class: the user never pays a premium for nodes they did not choose. The default. */
    MIN,
    MAX,
    /** The mean over the job's nodes, one entry per node. */
    AVG;

    /** Combines per-node multipliers; a job with no node classes pays 1.0. */
    Ratio combine(List<Ratio> perNode) {
        if (perNode.isEmpty()) {
            return Ratio.ONE;
        }
        Ratio result = perNode.get(0);
        for (Ratio next : perNode.subList(1, perNode.size())) {
            result = switch (this) {
                case MIN -> result.min(next);
                case MAX -> result.max(next);
                case AVG -> result.plus(next);
            };
        }
        return this == AVG ? result.dividedBy(perNode.size()) : result;
    }
}
