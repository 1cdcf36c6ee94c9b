package org.allocd.slurm;

import java.nio.file.Path;
import java.util.Optional;
import org.allocd.config.SlurmSettings;

/**
 * The one libslurm door of the daemon, made on first use and shared
 * ({@link SlurmShim} runs one call at a time in its helper process). A shim
 * that is not installed is not looked for again until restart: the reason is
 * given to every caller.
 */
public final class ShimLoader implements AutoCloseable {
    private final Path library;
    private final SlurmSettings slurm;
    private SlurmShim shim;
    private SlurmException failed;

    public ShimLoader(Path library, SlurmSettings slurm) {
        this.library = library;
        this.slurm = slurm;
    }

    public synchronized SlurmShim get() throws SlurmException {
        if (shim == null && failed == null) {
            try {
                shim = SlurmShim.load(library, slurm.slurmConf(), slurm.timeoutMillis());
            } catch (SlurmException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw new SlurmException(failed.code(), failed.getMessage());
        }
        return shim;
    }

    /** The shim if a caller has loaded it already (short funds do at their first round); never loads it. */
    public synchronized Optional<SlurmShim> loaded() {
        return Optional.ofNullable(shim);
    }

    @Override
    public synchronized void close() {
        if (shim != null) {
            shim.close();
        }
    }
}
