package org.allocd.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How allocd and the Slurm hooks reach Slurm; both read these keys from allocd.conf.
 *
 * @param slurmConf     the slurm.conf to use; empty means SLURM_CONF or Slurm's default
 * @param binDir        where scontrol, scancel and sacctmgr are (the hooks get no PATH)
 * @param timeoutMillis bound on each Slurm command or libslurm call
 */
public record SlurmSettings(Optional<Path> slurmConf, Path binDir, int timeoutMillis) {
    public static final Path DEFAULT_BIN_DIR = Path.of("/usr/bin");
    public static final int DEFAULT_TIMEOUT_MILLIS = 5000;

    public SlurmSettings {
        Objects.requireNonNull(slurmConf, "slurmConf");
        Objects.requireNonNull(binDir, "binDir");
    }

    public Path command(String name) {
        return binDir.resolve(name);
    }
}
