package org.allocd.daemon;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.allocd.protocol.SlurmQueue;
import org.allocd.slurm.PendingJob;
import org.allocd.slurm.SlurmException;
import org.allocd.slurm.SlurmShim;

/** Slurm's pending jobs through the shim short funds loaded; each call is bounded by the shim's timeout. */
record ShimQueue(String cluster, Supplier<Optional<SlurmShim>> shim) implements SlurmQueue {
    @Override
    public List<PendingJob> pendingJobs() throws SlurmException {
        return shim.get().orElseThrow(() -> new SlurmException(0, "libslurmshim is not loaded (see allocd's log)"))
                .pendingJobs(null);
    }
}
