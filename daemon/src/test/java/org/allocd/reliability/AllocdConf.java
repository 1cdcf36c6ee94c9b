package org.allocd.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** The allocd.conf every reliability test runs: one gpu partition at 1 SU per gpu-hour, state under one temp dir. */
final class AllocdConf {
    static final String CLUSTER = "testcluster";

    final Path dir;
    final Path file;
    final Path stateDir;
    final Path database;
    final Path hookSocket;
    final Path adminSocket;

    AllocdConf(Path dir) throws IOException {
        this(dir, dir.resolve("state"));
    }

    /** stateDir may lie on another filesystem (a small tmpfs for the disk-full test). */
    AllocdConf(Path dir, Path stateDir) throws IOException {
        this.dir = dir;
        this.stateDir = stateDir;
        database = stateDir.resolve("allocd.db");
        hookSocket = dir.resolve("run/hook.sock");
        adminSocket = dir.resolve("run/admin.sock");
        Files.createDirectories(hookSocket.getParent());
        file = dir.resolve("allocd.conf");
        Files.write(file, lines(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    List<String> lines() {
        return List.of(
                "cluster_name = " + CLUSTER,
                "state_dir = " + stateDir,
                "hook_socket = " + hookSocket,
                "admin_socket = " + adminSocket,
                "slurm_user = root",
                "[partition gpu]",
                "rate = 1.0",
                "max_time = 1-00:00:00",
                "[qos]",
                "premium = 10");
    }
}
