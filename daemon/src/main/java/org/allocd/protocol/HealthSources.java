package org.allocd.protocol;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.allocd.slurm.ReconcileRun;

/**
 * Where the health view finds what the daemon does beside the ledger: the hooks' spool directory, the lien
 * reconciler's last run, and the file the last verify's result is kept in across restarts.
 */
public record HealthSources(Path spoolDir, Supplier<Optional<ReconcileRun>> lastReconcile, Path lastVerifyFile) {}
