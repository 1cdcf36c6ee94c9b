package org.allocd.server;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Decides, once per connection, whether a peer may use a socket at all. */
@FunctionalInterface
public interface PeerPolicy {

    /** Empty if the peer may use the socket; otherwise why not, which is sent to the peer and logged. */
    Optional<String> refusal(Peer peer);

    /** Every local process may connect; finer rules belong to the request handler. */
    static PeerPolicy anyone() {
        return peer -> Optional.empty();
    }

    /**
     * Only processes running as one of {@code uids} may connect.
     *
     * @param socketName names the socket in the refusal, e.g. "hook"
     * @param allowedWho describes the allowed uids for a human, e.g. "root and SlurmUser 'slurm'"
     */
    static PeerPolicy onlyUids(String socketName, Set<Integer> uids, String allowedWho) {
        Set<Integer> allowed = Set.copyOf(uids);
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("the " + socketName + " socket must allow at least one uid");
        }
        String allowedUids = allowed.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
        return peer -> allowed.contains(peer.uid())
                ? Optional.empty()
                : Optional.of("uid " + peer.uid() + " is not allowed on the " + socketName + " socket; only "
                        + allowedWho + " may connect (uids " + allowedUids + ")");
    }
}
