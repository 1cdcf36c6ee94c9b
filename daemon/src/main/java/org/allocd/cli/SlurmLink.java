package org.allocd.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.allocd.slurm.SlurmCommand;

/**
 * How allocmgr reaches slurmdbd (allocmgr.conf): sacctmgr in slurm_bin_dir, slurm_conf, and slurm_accounts = yes to
 * make each account, user and membership added in the bank in Slurm too (off by default). sacctmgr runs here, as the
 * admin who ran allocmgr (Slurm checks that they may), never in allocd: a slurmdbd that is away cannot stall allocd.
 */
record SlurmLink(Path binDir, Optional<Path> slurmConf, boolean createInSlurm) {
    /** Bound on each sacctmgr call. */
    static final long TIMEOUT_MILLIS = 15_000;

    static SlurmLink of(Map<String, String> env) {
        Path file = RemoteSettings.file(env);
        Map<String, String> conf = RemoteSettings.read(file);
        String create = conf.getOrDefault("slurm_accounts", "no");
        if (!create.equals("yes") && !create.equals("no")) {
            throw new UsageException(file + ": slurm_accounts = " + create + "; write yes or no");
        }
        Path binDir = Path.of(conf.getOrDefault("slurm_bin_dir", "/usr/bin"));
        Optional<Path> slurmConf = Optional.ofNullable(conf.get("slurm_conf")).map(Path::of);
        if (!binDir.isAbsolute() || slurmConf.filter(p -> !p.isAbsolute()).isPresent()) {
            throw new UsageException(file + ": slurm_bin_dir and slurm_conf must be absolute paths");
        }
        return new SlurmLink(binDir, slurmConf, create.equals("yes"));
    }

    SlurmCommand sacctmgr() {
        return command("sacctmgr");
    }

    SlurmCommand squeue() {
        return command("squeue");
    }

    private SlurmCommand command(String name) {
        SlurmCommand command = new SlurmCommand(binDir.resolve(name), slurmConf, TIMEOUT_MILLIS);
        if (!command.installed()) {
            throw new UsageException(binDir.resolve(name) + " is not there; install slurm-client or set"
                    + " slurm_bin_dir in " + "allocmgr.conf");
        }
        return command;
    }
}
