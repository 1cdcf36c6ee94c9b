package org.allocd.slurm;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real single-node Slurm (scripts/testbed) under /tmp, started fresh for a
 * test class and stopped and deleted after it. ALLOCD_E2E decides whether it
 * runs: unset or off skips (a plain mvn test starts no cluster), auto runs
 * where root and Slurm are there and skips with the reason otherwise,
 * required fails when it cannot run.
 */
final class Testbed implements AutoCloseable {
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final long OTHER_SLURM_WAIT_SECONDS = 300;
    static final String E2E_VARIABLE = "ALLOCD_E2E";
    /** Ports of their own (where scripts/testbed supports ALLOCD_TESTBED_PORT_BASE), so other test beds may run. */
    private static final String PORT_BASE = "26817";

    final Path repo;
    final Path dir;
    final Path conf;

    private Testbed(Path repo, Path dir) {
        this.repo = repo;
        this.dir = dir;
        this.conf = dir.resolve("etc/slurm.conf");
    }

    static Testbed start(boolean withDbd) throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();
        String mode = System.getenv(E2E_VARIABLE) == null ? "off" : System.getenv(E2E_VARIABLE);
        if (!List.of("off", "", "auto", "required").contains(mode)) {
            fail(E2E_VARIABLE + "=" + mode + " is not valid; use off, auto or required");
        }
        if (mode.equals("off") || mode.isEmpty()) {
            skip("end-to-end tests are off; set " + E2E_VARIABLE + "=auto or required (scripts/test sets auto)");
        }
        Optional<String> missing = missing(repo, withDbd);
        if (missing.isPresent()) {
            skip(missing.get());
        }
        // Under /tmp, not target/: MariaDB runs as mysql and must reach its data directory.
        Testbed bed = new Testbed(repo, Path.of(System.getProperty("java.io.tmpdir"), "allocd-testbed-daemon-tests"));
        bed.testbed("stop");
        bed.testbed("clean");
        String[] start = withDbd ? new String[] {"start", "--with-dbd"} : new String[] {"start"};
        Result started = bed.testbed(start);
        // One Slurm per machine (fixed ports): wait a while for another test bed to finish.
        long deadline = System.nanoTime() + OTHER_SLURM_WAIT_SECONDS * 1_000_000_000L;
        while (started.exitCode != 0 && started.output.contains("another Slurm") && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            started = bed.testbed(start);
        }
        if (started.exitCode != 0) {
            skip("scripts/testbed start failed (another Slurm running here?): " + started.output.strip());
        }
        System.out.println(started.output.strip());
        return bed;
    }

    private static Optional<String> missing(Path repo, boolean withDbd) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the test bed's daemons run as root; run the tests as root");
        }
        List<String> needed = new ArrayList<>(List.of("/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/bin/sbatch",
                "/usr/include/slurm/slurm.h", "/usr/bin/make", "/usr/bin/gcc", "/usr/sbin/munged"));
        if (withDbd) {
            needed.addAll(List.of("/usr/sbin/slurmdbd", "/usr/sbin/mariadbd"));
        }
        for (String file : needed) {
            if (!Files.exists(Path.of(file))) {
                return Optional.of(file + " is not installed (sudo scripts/testbed install"
                        + (withDbd ? " --with-dbd" : "") + ")");
            }
        }
        if (!Files.isExecutable(repo.resolve("scripts/testbed"))) {
            return Optional.of("no scripts/testbed under " + repo);
        }
        return Optional.empty();
    }

    private static void skip(String reason) {
        if ("required".equals(System.getenv(E2E_VARIABLE))) {
            fail(E2E_VARIABLE + "=required but the Slurm end-to-end tests cannot run: " + reason);
        }
        System.out.println("SKIPPED (Slurm end-to-end): " + reason);
        Assumptions.abort(reason);
    }

    /** Builds libslurmshim.so and its helper allocd-slurm from slurm-hooks into dir and returns the library. */
    Path buildShim(Path outDir) throws Exception {
        run(List.of("make", "-s", "-f", repo.resolve("slurm-hooks/shim.mk").toString(), "BUILD=" + outDir));
        return outDir.resolve("libslurmshim.so");
    }

    /**
     * Builds the shim where no Slurm runs (gcc and libslurm-dev are enough); skipped or failed as
     * ALLOCD_E2E says when they are missing.
     */
    static Path buildShimWithoutBed(Path outDir) throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();
        String mode = System.getenv(E2E_VARIABLE) == null ? "off" : System.getenv(E2E_VARIABLE);
        if (mode.equals("off") || mode.isEmpty()) {
            skip("end-to-end tests are off; set " + E2E_VARIABLE + "=auto or required (scripts/test sets auto)");
        }
        for (String file : List.of("/usr/include/slurm/slurm.h", "/usr/bin/make", "/usr/bin/gcc")) {
            if (!Files.exists(Path.of(file))) {
                skip(file + " is not installed (sudo scripts/testbed install)");
            }
        }
        return new Testbed(repo, outDir).buildShim(outDir);
    }

    /** Runs scripts/testbed with these arguments on this bed (e.g. "stop", then "start"); fails when it fails. */
    void command(String... args) throws Exception {
        Result r = testbed(args);
        if (r.exitCode != 0) {
            fail("scripts/testbed " + String.join(" ", args) + " failed (exit " + r.exitCode + "): " + r.output);
        }
    }

    /** The pid of one of the bed's running daemons (slurmctld, slurmd...). */
    long pid(String daemon) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("run/" + daemon + ".pid")).strip());
    }

    /** Runs a Slurm client against the test bed; fails the test when it fails. */
    String slurm(String... command) throws Exception {
        return run(List.of(command));
    }

    private String run(List<String> command) throws Exception {
        Result r = exec(command);
        if (r.exitCode != 0) {
            fail(String.join(" ", command) + " failed (exit " + r.exitCode + "): " + r.output);
        }
        return r.output;
    }

    private record Result(int exitCode, String output) {}

    private Result testbed(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(repo.resolve("scripts/testbed").toString()));
        command.addAll(List.of(args));
        return exec(command);
    }

    private Result exec(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("testbed", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("ALLOCD_TESTBED_DIR", dir.toString());
            builder.environment().put("ALLOCD_TESTBED_PORT_BASE", PORT_BASE);
            builder.environment().put("SLURM_CONF", conf.toString());
            Process p = builder.start();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws Exception {
        testbed("stop");
        testbed("clean");
    }
}
